-- 民主自治台账补充：会议附件（文件内容存入数据库，随数据库一并备份）、准入目录事项关联政府购买服务合同、
-- 议事会与监督委员会按届次保存（原有的一条记录成为第一届）。

-- Files attached to a record of any module: owner_kind names the kind of record (e.g. ledger_meeting),
-- owner_id its id. The content is checked against sha256 whenever it is read back.
CREATE TABLE attachments (
    id {{ID}},
    owner_kind VARCHAR(40) NOT NULL,
    owner_id BIGINT NOT NULL,
    name VARCHAR(255) NOT NULL,
    size BIGINT NOT NULL,
    sha256 VARCHAR(64) NOT NULL,
    data {{BLOB}} NOT NULL,
    created_at TIMESTAMP NOT NULL,
    created_by VARCHAR(100) NOT NULL
);
CREATE INDEX idx_attachments_owner ON attachments (owner_kind, owner_id);

ALTER TABLE ledger_service_items ADD COLUMN contract_id BIGINT REFERENCES purchase_contracts (id);

CREATE TABLE ledger_council_terms (
    id {{ID}},
    division_code VARCHAR(12) NOT NULL REFERENCES divisions (code),
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
CREATE INDEX idx_ledger_council_terms_div ON ledger_council_terms (division_code, term_start);
INSERT INTO ledger_council_terms (division_code, established_on, members, term_start, term_end, selection, remit, rules, updated_at, updated_by)
    SELECT division_code, established_on, members, term_start, term_end, selection, remit, rules, updated_at, updated_by
    FROM ledger_councils;
DROP TABLE ledger_councils;

CREATE TABLE ledger_supervision_terms (
    id {{ID}},
    division_code VARCHAR(12) NOT NULL REFERENCES divisions (code),
    established_on DATE NOT NULL,
    members TEXT NOT NULL,
    term_start DATE NOT NULL,
    term_end DATE NOT NULL,
    updated_at TIMESTAMP NOT NULL,
    updated_by VARCHAR(100) NOT NULL
);
CREATE INDEX idx_ledger_supervision_terms_div ON ledger_supervision_terms (division_code, term_start);
INSERT INTO ledger_supervision_terms (division_code, established_on, members, term_start, term_end, updated_at, updated_by)
    SELECT division_code, established_on, members, term_start, term_end, updated_at, updated_by
    FROM ledger_supervision;
DROP TABLE ledger_supervision;
