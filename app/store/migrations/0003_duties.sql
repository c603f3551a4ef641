-- 部门职责：部门（四（二））、改革任务（三）及其配合部门、按乡镇分解、进展报送与证明材料。
CREATE TABLE departments (
    id {{ID}},
    name VARCHAR(100) NOT NULL UNIQUE,
    seed_name VARCHAR(100) NOT NULL DEFAULT '',
    duty TEXT NOT NULL DEFAULT '',
    clause VARCHAR(40) NOT NULL DEFAULT '',
    contact VARCHAR(60) NOT NULL DEFAULT '',
    phone VARCHAR(40) NOT NULL DEFAULT '',
    sort_order INTEGER NOT NULL DEFAULT 0,
    created_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL,
    updated_by VARCHAR(100) NOT NULL
);

CREATE TABLE reform_tasks (
    id {{ID}},
    clause VARCHAR(40) NOT NULL DEFAULT '',
    title VARCHAR(200) NOT NULL,
    content TEXT NOT NULL DEFAULT '',
    plan_year INTEGER NOT NULL,
    lead_department_id BIGINT NOT NULL REFERENCES departments (id),
    deliverable TEXT NOT NULL DEFAULT '',
    deadline DATE,
    stage VARCHAR(16) NOT NULL DEFAULT '',
    progress VARCHAR(16) NOT NULL DEFAULT '未启动',
    completed_on DATE,
    sort_order INTEGER NOT NULL DEFAULT 0,
    created_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL,
    updated_by VARCHAR(100) NOT NULL
);
CREATE INDEX idx_reform_tasks_year ON reform_tasks (plan_year);
CREATE INDEX idx_reform_tasks_lead ON reform_tasks (lead_department_id);
CREATE INDEX idx_reform_tasks_deadline ON reform_tasks (deadline);

CREATE TABLE task_supporters (
    task_id BIGINT NOT NULL REFERENCES reform_tasks (id),
    department_id BIGINT NOT NULL REFERENCES departments (id),
    PRIMARY KEY (task_id, department_id)
);
CREATE INDEX idx_task_supporters_department ON task_supporters (department_id);

CREATE TABLE task_townships (
    task_id BIGINT NOT NULL REFERENCES reform_tasks (id),
    division_code VARCHAR(12) NOT NULL REFERENCES divisions (code),
    progress VARCHAR(16) NOT NULL DEFAULT '未启动',
    deadline DATE,
    completed_on DATE,
    note TEXT NOT NULL DEFAULT '',
    updated_at TIMESTAMP NOT NULL,
    updated_by VARCHAR(100) NOT NULL,
    PRIMARY KEY (task_id, division_code)
);

CREATE TABLE progress_reports (
    id {{ID}},
    task_id BIGINT NOT NULL REFERENCES reform_tasks (id),
    department_id BIGINT NOT NULL REFERENCES departments (id),
    reported_on DATE NOT NULL,
    body TEXT NOT NULL,
    created_at TIMESTAMP NOT NULL,
    created_by VARCHAR(100) NOT NULL
);
CREATE INDEX idx_progress_reports_task ON progress_reports (task_id, reported_on);

-- Evidence content lives in the database (one row per distinct content, keyed by its SHA-256),
-- so a backup of the database file carries every evidence file with it.
CREATE TABLE evidence_blobs (
    sha256 VARCHAR(64) PRIMARY KEY,
    size BIGINT NOT NULL,
    content {{BLOB}} NOT NULL
);

CREATE TABLE evidence_files (
    id {{ID}},
    report_id BIGINT NOT NULL REFERENCES progress_reports (id),
    name VARCHAR(255) NOT NULL,
    size BIGINT NOT NULL,
    sha256 VARCHAR(64) NOT NULL REFERENCES evidence_blobs (sha256),
    created_at TIMESTAMP NOT NULL
);
CREATE INDEX idx_evidence_files_report ON evidence_files (report_id);
