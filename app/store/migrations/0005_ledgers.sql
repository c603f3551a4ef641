-- 民主自治台账（意见 三（一）、三（二）2–3）：会议、议事会、意见、基层协商、村规民约、小区（院落）、
-- 监督委员会、村(居)务公开目录与公开记录、述职述廉与民主评议、问责、公共服务准入目录与社区承担事项。
CREATE TABLE ledger_meetings (
    id {{ID}},
    division_code VARCHAR(12) NOT NULL REFERENCES divisions (code),
    kind VARCHAR(20) NOT NULL,
    held_on DATE NOT NULL,
    topic VARCHAR(400) NOT NULL,
    present BIGINT NOT NULL DEFAULT 0,
    entitled BIGINT NOT NULL DEFAULT 0,
    agenda TEXT NOT NULL DEFAULT '',
    minutes TEXT NOT NULL DEFAULT '',
    decisions TEXT NOT NULL DEFAULT '',
    attachments VARCHAR(800) NOT NULL DEFAULT '',
    project VARCHAR(400) NOT NULL DEFAULT '',
    concerned VARCHAR(400) NOT NULL DEFAULT '',
    updated_at TIMESTAMP NOT NULL,
    updated_by VARCHAR(100) NOT NULL
);
CREATE INDEX idx_ledger_meetings_div ON ledger_meetings (division_code, held_on);

CREATE TABLE ledger_councils (
    division_code VARCHAR(12) PRIMARY KEY REFERENCES divisions (code),
    established_on DATE NOT NULL,
    members TEXT NOT NULL,
    term_start DATE NOT NULL,
    term_end DATE NOT NULL,
    selection TEXT NOT NULL,
    remit TEXT NOT NULL,
    rules TEXT NOT NULL,
    updated_at TIMESTAMP NOT NULL,
    updated_by VARCHAR(100) NOT NULL
);

CREATE TABLE ledger_opinions (
    id {{ID}},
    division_code VARCHAR(12) NOT NULL REFERENCES divisions (code),
    raised_on DATE NOT NULL,
    meeting_id BIGINT REFERENCES ledger_meetings (id) ON DELETE SET NULL,
    from_name VARCHAR(100) NOT NULL DEFAULT '',
    from_phone VARCHAR(40) NOT NULL DEFAULT '',
    content TEXT NOT NULL,
    category VARCHAR(100) NOT NULL DEFAULT '',
    handler VARCHAR(200) NOT NULL DEFAULT '',
    reply TEXT NOT NULL DEFAULT '',
    replied_on DATE,
    status VARCHAR(16) NOT NULL,
    reject_reason TEXT NOT NULL DEFAULT '',
    reply_days BIGINT NOT NULL,
    updated_at TIMESTAMP NOT NULL,
    updated_by VARCHAR(100) NOT NULL
);
CREATE INDEX idx_ledger_opinions_div ON ledger_opinions (division_code, raised_on);
CREATE INDEX idx_ledger_opinions_status ON ledger_opinions (status);

CREATE TABLE ledger_consultations (
    id {{ID}},
    division_code VARCHAR(12) NOT NULL REFERENCES divisions (code),
    title VARCHAR(400) NOT NULL,
    updated_at TIMESTAMP NOT NULL,
    updated_by VARCHAR(100) NOT NULL
);
CREATE INDEX idx_ledger_consultations_div ON ledger_consultations (division_code);

CREATE TABLE ledger_consultation_steps (
    id {{ID}},
    consultation_id BIGINT NOT NULL REFERENCES ledger_consultations (id) ON DELETE CASCADE,
    seq BIGINT NOT NULL,
    stage VARCHAR(8) NOT NULL,
    step_on DATE NOT NULL,
    note TEXT NOT NULL,
    evidence VARCHAR(800) NOT NULL DEFAULT ''
);
CREATE UNIQUE INDEX idx_ledger_consultation_steps_seq ON ledger_consultation_steps (consultation_id, seq);

CREATE TABLE ledger_covenants (
    id {{ID}},
    division_code VARCHAR(12) NOT NULL REFERENCES divisions (code),
    kind VARCHAR(8) NOT NULL,
    version VARCHAR(100) NOT NULL,
    adopted_on DATE NOT NULL,
    meeting_id BIGINT REFERENCES ledger_meetings (id) ON DELETE SET NULL,
    summary TEXT NOT NULL DEFAULT '',
    updated_at TIMESTAMP NOT NULL,
    updated_by VARCHAR(100) NOT NULL
);
CREATE INDEX idx_ledger_covenants_div ON ledger_covenants (division_code);

CREATE TABLE ledger_estates (
    id {{ID}},
    division_code VARCHAR(12) NOT NULL REFERENCES divisions (code),
    name VARCHAR(200) NOT NULL,
    households BIGINT NOT NULL DEFAULT 0,
    managed_property BOOLEAN NOT NULL,
    property_company VARCHAR(200) NOT NULL DEFAULT '',
    owners_committee BOOLEAN NOT NULL,
    self_gov_group BOOLEAN NOT NULL,
    updated_at TIMESTAMP NOT NULL,
    updated_by VARCHAR(100) NOT NULL
);
CREATE INDEX idx_ledger_estates_div ON ledger_estates (division_code);

CREATE TABLE ledger_supervision (
    division_code VARCHAR(12) PRIMARY KEY REFERENCES divisions (code),
    established_on DATE NOT NULL,
    members TEXT NOT NULL,
    term_start DATE NOT NULL,
    term_end DATE NOT NULL,
    updated_at TIMESTAMP NOT NULL,
    updated_by VARCHAR(100) NOT NULL
);

CREATE TABLE ledger_disclosure_items (
    id {{ID}},
    county_code VARCHAR(12) NOT NULL REFERENCES divisions (code),
    item VARCHAR(200) NOT NULL,
    content TEXT NOT NULL DEFAULT '',
    frequency VARCHAR(8) NOT NULL,
    timings VARCHAR(40) NOT NULL,
    channels VARCHAR(40) NOT NULL,
    updated_at TIMESTAMP NOT NULL,
    updated_by VARCHAR(100) NOT NULL
);
CREATE INDEX idx_ledger_disclosure_items_county ON ledger_disclosure_items (county_code);

CREATE TABLE ledger_disclosures (
    id {{ID}},
    division_code VARCHAR(12) NOT NULL REFERENCES divisions (code),
    item_id BIGINT NOT NULL REFERENCES ledger_disclosure_items (id),
    disclosed_on DATE NOT NULL,
    timing VARCHAR(8) NOT NULL,
    channels VARCHAR(40) NOT NULL,
    note TEXT NOT NULL DEFAULT '',
    updated_at TIMESTAMP NOT NULL,
    updated_by VARCHAR(100) NOT NULL
);
CREATE INDEX idx_ledger_disclosures_div ON ledger_disclosures (division_code, disclosed_on);
CREATE INDEX idx_ledger_disclosures_item ON ledger_disclosures (item_id);

CREATE TABLE ledger_evaluations (
    id {{ID}},
    division_code VARCHAR(12) NOT NULL REFERENCES divisions (code),
    kind VARCHAR(20) NOT NULL,
    year BIGINT NOT NULL,
    held_on DATE NOT NULL,
    subject VARCHAR(200) NOT NULL,
    post VARCHAR(100) NOT NULL DEFAULT '',
    satisfied BIGINT NOT NULL DEFAULT 0,
    basic BIGINT NOT NULL DEFAULT 0,
    dissatisfied BIGINT NOT NULL DEFAULT 0,
    note TEXT NOT NULL DEFAULT '',
    updated_at TIMESTAMP NOT NULL,
    updated_by VARCHAR(100) NOT NULL
);
CREATE INDEX idx_ledger_evaluations_div ON ledger_evaluations (division_code, year);

CREATE TABLE ledger_accountability (
    id {{ID}},
    division_code VARCHAR(12) NOT NULL REFERENCES divisions (code),
    cadre VARCHAR(100) NOT NULL,
    post VARCHAR(100) NOT NULL DEFAULT '',
    decided_on DATE NOT NULL,
    failing TEXT NOT NULL,
    measure VARCHAR(20) NOT NULL,
    rectify_by DATE,
    rectify_status VARCHAR(16) NOT NULL,
    made_public BOOLEAN NOT NULL,
    updated_at TIMESTAMP NOT NULL,
    updated_by VARCHAR(100) NOT NULL
);
CREATE INDEX idx_ledger_accountability_div ON ledger_accountability (division_code, decided_on);

CREATE TABLE ledger_service_items (
    id {{ID}},
    county_code VARCHAR(12) NOT NULL REFERENCES divisions (code),
    name VARCHAR(200) NOT NULL,
    department VARCHAR(200) NOT NULL DEFAULT '',
    class VARCHAR(20) NOT NULL,
    agreement VARCHAR(400) NOT NULL DEFAULT '',
    amount_fen BIGINT NOT NULL DEFAULT 0,
    budget_ref VARCHAR(200) NOT NULL DEFAULT '',
    updated_at TIMESTAMP NOT NULL,
    updated_by VARCHAR(100) NOT NULL
);
CREATE INDEX idx_ledger_service_items_county ON ledger_service_items (county_code);

CREATE TABLE ledger_community_tasks (
    id {{ID}},
    division_code VARCHAR(12) NOT NULL REFERENCES divisions (code),
    year BIGINT NOT NULL,
    name VARCHAR(200) NOT NULL,
    department VARCHAR(200) NOT NULL DEFAULT '',
    item_id BIGINT REFERENCES ledger_service_items (id),
    agreement_on DATE,
    funded_fen BIGINT NOT NULL DEFAULT 0,
    updated_at TIMESTAMP NOT NULL,
    updated_by VARCHAR(100) NOT NULL
);
CREATE INDEX idx_ledger_community_tasks_div ON ledger_community_tasks (division_code, year);
