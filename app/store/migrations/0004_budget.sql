-- 经费保障：预算经费类别（含别名）、资金来源、导入批次、预算明细、拨付、政府购买服务合同。
CREATE TABLE budget_categories (
    id {{ID}},
    name VARCHAR(40) NOT NULL UNIQUE,
    sort_order INTEGER NOT NULL DEFAULT 0
);

CREATE TABLE budget_category_aliases (
    id {{ID}},
    category_id BIGINT NOT NULL REFERENCES budget_categories (id),
    alias VARCHAR(40) NOT NULL UNIQUE
);
CREATE INDEX idx_budget_category_aliases_category ON budget_category_aliases (category_id);

CREATE TABLE budget_sources (
    id {{ID}},
    name VARCHAR(40) NOT NULL UNIQUE,
    sort_order INTEGER NOT NULL DEFAULT 0
);

CREATE TABLE budget_batches (
    id {{ID}},
    file_name VARCHAR(255) NOT NULL,
    sha256 VARCHAR(64) NOT NULL,
    sheet VARCHAR(100) NOT NULL,
    year INTEGER NOT NULL,
    county_code VARCHAR(12) NOT NULL REFERENCES divisions (code),
    imported_at TIMESTAMP NOT NULL,
    imported_by VARCHAR(100) NOT NULL,
    rows_count INTEGER NOT NULL,
    total_fen BIGINT NOT NULL,
    undone_at TIMESTAMP,
    undone_by VARCHAR(100) NOT NULL DEFAULT ''
);
CREATE INDEX idx_budget_batches_file ON budget_batches (sha256, year, county_code);

CREATE TABLE budget_lines (
    id {{ID}},
    year INTEGER NOT NULL,
    division_code VARCHAR(12) NOT NULL REFERENCES divisions (code),
    category_id BIGINT NOT NULL REFERENCES budget_categories (id),
    item VARCHAR(200) NOT NULL DEFAULT '',
    amount_fen BIGINT NOT NULL,
    source_id BIGINT NOT NULL REFERENCES budget_sources (id),
    note TEXT NOT NULL DEFAULT '',
    batch_id BIGINT REFERENCES budget_batches (id),
    source_row INTEGER NOT NULL DEFAULT 0,
    created_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL
);
CREATE INDEX idx_budget_lines_year ON budget_lines (year, division_code);
CREATE INDEX idx_budget_lines_batch ON budget_lines (batch_id);

CREATE TABLE budget_disbursements (
    id {{ID}},
    line_id BIGINT NOT NULL REFERENCES budget_lines (id),
    paid_on DATE NOT NULL,
    amount_fen BIGINT NOT NULL,
    note TEXT NOT NULL DEFAULT '',
    created_at TIMESTAMP NOT NULL,
    created_by VARCHAR(100) NOT NULL
);
CREATE INDEX idx_budget_disbursements_line ON budget_disbursements (line_id);

CREATE TABLE purchase_contracts (
    id {{ID}},
    title VARCHAR(200) NOT NULL,
    provider VARCHAR(200) NOT NULL,
    amount_fen BIGINT NOT NULL,
    start_on DATE NOT NULL,
    end_on DATE NOT NULL,
    status VARCHAR(16) NOT NULL,
    entrusted_item VARCHAR(200) NOT NULL DEFAULT '',
    budget_line_id BIGINT REFERENCES budget_lines (id),
    note TEXT NOT NULL DEFAULT '',
    created_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL
);
CREATE INDEX idx_purchase_contracts_status ON purchase_contracts (status);

CREATE TABLE purchase_contract_divisions (
    contract_id BIGINT NOT NULL REFERENCES purchase_contracts (id),
    division_code VARCHAR(12) NOT NULL REFERENCES divisions (code),
    PRIMARY KEY (contract_id, division_code)
);
CREATE INDEX idx_purchase_contract_divisions_division ON purchase_contract_divisions (division_code);

INSERT INTO budget_categories (name, sort_order) VALUES ('工作经费', 1);
INSERT INTO budget_categories (name, sort_order) VALUES ('人员报酬', 2);
INSERT INTO budget_categories (name, sort_order) VALUES ('服务设施', 3);
INSERT INTO budget_categories (name, sort_order) VALUES ('信息化建设', 4);
INSERT INTO budget_categories (name, sort_order) VALUES ('政府购买服务', 5);
INSERT INTO budget_categories (name, sort_order) VALUES ('其他', 6);
INSERT INTO budget_category_aliases (category_id, alias) SELECT id, '办公经费' FROM budget_categories WHERE name = '工作经费';
INSERT INTO budget_category_aliases (category_id, alias) SELECT id, '运转经费' FROM budget_categories WHERE name = '工作经费';
INSERT INTO budget_category_aliases (category_id, alias) SELECT id, '村级组织工作经费' FROM budget_categories WHERE name = '工作经费';
INSERT INTO budget_category_aliases (category_id, alias) SELECT id, '报酬' FROM budget_categories WHERE name = '人员报酬';
INSERT INTO budget_category_aliases (category_id, alias) SELECT id, '村干部报酬' FROM budget_categories WHERE name = '人员报酬';
INSERT INTO budget_category_aliases (category_id, alias) SELECT id, '服务设施建设' FROM budget_categories WHERE name = '服务设施';
INSERT INTO budget_category_aliases (category_id, alias) SELECT id, '信息化' FROM budget_categories WHERE name = '信息化建设';
INSERT INTO budget_category_aliases (category_id, alias) SELECT id, '购买服务' FROM budget_categories WHERE name = '政府购买服务';
INSERT INTO budget_sources (name, sort_order) VALUES ('县级财政', 1);
INSERT INTO budget_sources (name, sort_order) VALUES ('上级补助', 2);
INSERT INTO budget_sources (name, sort_order) VALUES ('其他', 3);
