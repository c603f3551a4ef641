-- 社区标准化建设：指标库版本（每县每年，测评引用所用版本）、指标、年度测评及其指标值、流程记录、示范单位称号。
CREATE TABLE checklist_versions (
    id {{ID}},
    county_code VARCHAR(12) REFERENCES divisions (code),
    year INTEGER NOT NULL,
    version INTEGER NOT NULL,
    standard_min INTEGER NOT NULL,
    good_min INTEGER NOT NULL,
    excellent_min INTEGER NOT NULL,
    note TEXT NOT NULL DEFAULT '',
    created_at TIMESTAMP NOT NULL,
    created_by VARCHAR(100) NOT NULL
);
CREATE INDEX idx_checklist_versions_county ON checklist_versions (county_code, year, version);

CREATE TABLE checklist_indicators (
    id {{ID}},
    version_id BIGINT NOT NULL REFERENCES checklist_versions (id),
    code VARCHAR(8) NOT NULL,
    dimension VARCHAR(20) NOT NULL,
    name VARCHAR(100) NOT NULL,
    requirement TEXT NOT NULL DEFAULT '',
    method VARCHAR(10) NOT NULL,
    unit VARCHAR(20) NOT NULL DEFAULT '',
    target_community DOUBLE PRECISION NOT NULL,
    target_village DOUBLE PRECISION NOT NULL,
    points INTEGER NOT NULL,
    mandatory BOOLEAN NOT NULL,
    source TEXT NOT NULL DEFAULT '',
    retired BOOLEAN NOT NULL DEFAULT FALSE,
    sort_order INTEGER NOT NULL,
    UNIQUE (version_id, code)
);

CREATE TABLE assessments (
    id {{ID}},
    division_code VARCHAR(12) NOT NULL REFERENCES divisions (code),
    township_code VARCHAR(12) NOT NULL,
    county_code VARCHAR(12) NOT NULL,
    year INTEGER NOT NULL,
    version_id BIGINT NOT NULL REFERENCES checklist_versions (id),
    state VARCHAR(10) NOT NULL,
    score INTEGER NOT NULL,
    level VARCHAR(10) NOT NULL,
    mandatory_unmet INTEGER NOT NULL,
    accepted_at TIMESTAMP,
    accepted_by VARCHAR(100) NOT NULL DEFAULT '',
    created_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL,
    UNIQUE (division_code, year)
);
-- The roll-ups read only these rows (score and level are stored), never the indicator values.
CREATE INDEX idx_assessments_county_year ON assessments (county_code, year, township_code, level, score, mandatory_unmet);
CREATE INDEX idx_assessments_year ON assessments (year, level);

CREATE TABLE assessment_values (
    assessment_id BIGINT NOT NULL REFERENCES assessments (id),
    code VARCHAR(8) NOT NULL,
    value DOUBLE PRECISION,
    met BOOLEAN NOT NULL,
    note TEXT NOT NULL DEFAULT '',
    proposed DOUBLE PRECISION,
    proposed_from VARCHAR(40) NOT NULL DEFAULT '',
    PRIMARY KEY (assessment_id, code)
);

CREATE TABLE assessment_steps (
    id {{ID}},
    assessment_id BIGINT NOT NULL REFERENCES assessments (id),
    at TIMESTAMP NOT NULL,
    actor VARCHAR(100) NOT NULL,
    from_state VARCHAR(10) NOT NULL,
    to_state VARCHAR(10) NOT NULL,
    action VARCHAR(20) NOT NULL,
    reason TEXT NOT NULL DEFAULT ''
);
CREATE INDEX idx_assessment_steps_assessment ON assessment_steps (assessment_id);

CREATE TABLE demo_titles (
    id {{ID}},
    division_code VARCHAR(12) NOT NULL REFERENCES divisions (code),
    level VARCHAR(10) NOT NULL,
    kind VARCHAR(20) NOT NULL,
    year INTEGER NOT NULL,
    document_no VARCHAR(100) NOT NULL DEFAULT '',
    note TEXT NOT NULL DEFAULT '',
    created_at TIMESTAMP NOT NULL
);
CREATE INDEX idx_demo_titles_division ON demo_titles (division_code);
CREATE INDEX idx_demo_titles_year ON demo_titles (year);
