-- 区划、社区档案、操作日志与元数据：shequ 的第一版结构。
CREATE TABLE meta (
    key VARCHAR(100) PRIMARY KEY,
    value TEXT NOT NULL
);

CREATE TABLE divisions (
    code VARCHAR(12) PRIMARY KEY,
    name VARCHAR(100) NOT NULL,
    level VARCHAR(16) NOT NULL,
    parent_code VARCHAR(12) REFERENCES divisions (code),
    retired_at TIMESTAMP,
    successor_code VARCHAR(12) REFERENCES divisions (code),
    created_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL
);
CREATE INDEX idx_divisions_parent ON divisions (parent_code);
CREATE INDEX idx_divisions_level ON divisions (level);

CREATE TABLE division_changes (
    id {{ID}},
    code VARCHAR(12) NOT NULL REFERENCES divisions (code),
    event VARCHAR(16) NOT NULL,
    old_name VARCHAR(100) NOT NULL DEFAULT '',
    new_name VARCHAR(100) NOT NULL DEFAULT '',
    successor_code VARCHAR(12),
    effective_on DATE NOT NULL,
    note TEXT NOT NULL DEFAULT '',
    recorded_at TIMESTAMP NOT NULL,
    recorded_by VARCHAR(100) NOT NULL
);
CREATE INDEX idx_division_changes_code ON division_changes (code);

CREATE TABLE community_profiles (
    division_code VARCHAR(12) PRIMARY KEY REFERENCES divisions (code),
    households BIGINT NOT NULL DEFAULT 0,
    population BIGINT NOT NULL DEFAULT 0,
    service_area_m2 DOUBLE PRECISION NOT NULL DEFAULT 0,
    committee_members BIGINT NOT NULL DEFAULT 0,
    address VARCHAR(400) NOT NULL DEFAULT '',
    phone VARCHAR(40) NOT NULL DEFAULT '',
    updated_at TIMESTAMP NOT NULL,
    updated_by VARCHAR(100) NOT NULL
);

CREATE TABLE audit_log (
    id {{ID}},
    at TIMESTAMP NOT NULL,
    actor VARCHAR(100) NOT NULL,
    module VARCHAR(40) NOT NULL,
    entity VARCHAR(60) NOT NULL,
    entity_id VARCHAR(60) NOT NULL,
    action VARCHAR(16) NOT NULL,
    changes TEXT NOT NULL DEFAULT '',
    note TEXT NOT NULL DEFAULT ''
);
CREATE INDEX idx_audit_log_at ON audit_log (at);
CREATE INDEX idx_audit_log_entity ON audit_log (entity, entity_id);
