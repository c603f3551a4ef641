-- 三社互动：社会组织（含服务村社区、年检与评估）、社会工作者与网格员、补贴标准、网格、三社联动项目。
CREATE TABLE social_orgs (
    id {{ID}},
    county_code VARCHAR(12) NOT NULL REFERENCES divisions (code),
    township_code VARCHAR(12) NOT NULL,
    division_code VARCHAR(12) NOT NULL REFERENCES divisions (code),
    name VARCHAR(100) NOT NULL,
    uscc VARCHAR(18) NOT NULL DEFAULT '',
    reg_no VARCHAR(50) NOT NULL DEFAULT '',
    form VARCHAR(40) NOT NULL,
    org_type VARCHAR(20) NOT NULL,
    nature VARCHAR(10) NOT NULL,
    authority VARCHAR(100) NOT NULL DEFAULT '',
    supervisor VARCHAR(100) NOT NULL DEFAULT '',
    leader VARCHAR(50) NOT NULL DEFAULT '',
    leader_phone VARCHAR(30) NOT NULL DEFAULT '',
    address VARCHAR(200) NOT NULL DEFAULT '',
    established_on DATE,
    members BIGINT NOT NULL DEFAULT 0,
    status VARCHAR(10) NOT NULL,
    created_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL
);
CREATE INDEX idx_social_orgs_county_name ON social_orgs (county_code, name);
CREATE INDEX idx_social_orgs_uscc ON social_orgs (uscc);
CREATE INDEX idx_social_orgs_township ON social_orgs (township_code);

CREATE TABLE social_org_divisions (
    org_id BIGINT NOT NULL REFERENCES social_orgs (id),
    division_code VARCHAR(12) NOT NULL REFERENCES divisions (code),
    PRIMARY KEY (org_id, division_code)
);
CREATE INDEX idx_social_org_divisions_division ON social_org_divisions (division_code);

CREATE TABLE social_org_years (
    id {{ID}},
    org_id BIGINT NOT NULL REFERENCES social_orgs (id),
    year INTEGER NOT NULL,
    inspection VARCHAR(10) NOT NULL DEFAULT '',
    grade VARCHAR(4) NOT NULL DEFAULT '',
    grade_from DATE,
    grade_to DATE,
    note TEXT NOT NULL DEFAULT ''
);
CREATE UNIQUE INDEX idx_social_org_years_org_year ON social_org_years (org_id, year);

CREATE TABLE social_workers (
    id {{ID}},
    county_code VARCHAR(12) NOT NULL REFERENCES divisions (code),
    township_code VARCHAR(12) NOT NULL,
    division_code VARCHAR(12) NOT NULL REFERENCES divisions (code),
    name VARCHAR(50) NOT NULL,
    gender VARCHAR(2) NOT NULL,
    id_number VARCHAR(18) NOT NULL,
    birth_date DATE NOT NULL,
    phone VARCHAR(30) NOT NULL DEFAULT '',
    qualification VARCHAR(20) NOT NULL,
    cert_no VARCHAR(50) NOT NULL DEFAULT '',
    cert_date DATE,
    employer_kind VARCHAR(10) NOT NULL DEFAULT '',
    employer_org_id BIGINT REFERENCES social_orgs (id),
    employer_name VARCHAR(100) NOT NULL DEFAULT '',
    post VARCHAR(50) NOT NULL,
    status VARCHAR(4) NOT NULL,
    on_post_from DATE NOT NULL,
    off_post_on DATE,
    created_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL
);
CREATE UNIQUE INDEX idx_social_workers_id_number ON social_workers (id_number);
CREATE INDEX idx_social_workers_township ON social_workers (township_code);
CREATE INDEX idx_social_workers_county ON social_workers (county_code);

CREATE TABLE subsidy_rules (
    id {{ID}},
    effective_from DATE NOT NULL,
    qualification VARCHAR(20) NOT NULL,
    monthly_fen BIGINT NOT NULL,
    one_off_fen BIGINT NOT NULL
);
CREATE UNIQUE INDEX idx_subsidy_rules_from ON subsidy_rules (effective_from, qualification);
INSERT INTO subsidy_rules (effective_from, qualification, monthly_fen, one_off_fen) VALUES ('2020-01-01 00:00:00', '助理社会工作师', 10000, 100000);
INSERT INTO subsidy_rules (effective_from, qualification, monthly_fen, one_off_fen) VALUES ('2020-01-01 00:00:00', '社会工作师', 30000, 150000);
INSERT INTO subsidy_rules (effective_from, qualification, monthly_fen, one_off_fen) VALUES ('2020-01-01 00:00:00', '高级社会工作师', 50000, 300000);

CREATE TABLE grids (
    id {{ID}},
    division_code VARCHAR(12) NOT NULL REFERENCES divisions (code),
    township_code VARCHAR(12) NOT NULL,
    name VARCHAR(100) NOT NULL DEFAULT '',
    number VARCHAR(30) NOT NULL DEFAULT '',
    households BIGINT NOT NULL DEFAULT 0,
    population BIGINT NOT NULL DEFAULT 0,
    boundary TEXT NOT NULL DEFAULT ''
);
CREATE INDEX idx_grids_division ON grids (division_code);
CREATE INDEX idx_grids_township ON grids (township_code);

CREATE TABLE grid_workers (
    grid_id BIGINT NOT NULL REFERENCES grids (id),
    worker_id BIGINT NOT NULL REFERENCES social_workers (id),
    PRIMARY KEY (grid_id, worker_id)
);
CREATE INDEX idx_grid_workers_worker ON grid_workers (worker_id);

CREATE TABLE joint_projects (
    id {{ID}},
    title VARCHAR(200) NOT NULL,
    division_code VARCHAR(12) NOT NULL REFERENCES divisions (code),
    township_code VARCHAR(12) NOT NULL,
    start_on DATE NOT NULL,
    end_on DATE NOT NULL,
    contract_id BIGINT REFERENCES purchase_contracts (id),
    amount_fen BIGINT NOT NULL DEFAULT 0,
    status VARCHAR(10) NOT NULL,
    outcome TEXT NOT NULL DEFAULT ''
);
CREATE INDEX idx_joint_projects_township ON joint_projects (township_code);

CREATE TABLE joint_project_orgs (
    project_id BIGINT NOT NULL REFERENCES joint_projects (id),
    org_id BIGINT NOT NULL REFERENCES social_orgs (id),
    PRIMARY KEY (project_id, org_id)
);

CREATE TABLE joint_project_workers (
    project_id BIGINT NOT NULL REFERENCES joint_projects (id),
    worker_id BIGINT NOT NULL REFERENCES social_workers (id),
    PRIMARY KEY (project_id, worker_id)
);
