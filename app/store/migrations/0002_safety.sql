-- 数据安全：可选的登录用户（角色、密码散列、失败锁定），操作日志按人、按模块筛选的索引。
CREATE TABLE users (
    id {{ID}},
    username VARCHAR(64) NOT NULL UNIQUE,
    display_name VARCHAR(64) NOT NULL DEFAULT '',
    role VARCHAR(16) NOT NULL,
    password_hash VARCHAR(255) NOT NULL,
    failed_attempts INTEGER NOT NULL DEFAULT 0,
    locked_until TIMESTAMP,
    disabled BOOLEAN NOT NULL DEFAULT FALSE,
    created_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL
);

CREATE INDEX idx_audit_log_actor ON audit_log (actor);
CREATE INDEX idx_audit_log_module ON audit_log (module);
