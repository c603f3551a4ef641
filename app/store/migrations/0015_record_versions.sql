-- 多人同时编辑：每条可就地修改的记录带版本号（row_version；台账“村规民约”已有表示文本版本的 version 列）。保存时只有版本仍是读出时的那个才写入，并加一；
-- 否则告诉后保存的人谁在什么时候改过（取自操作日志），由他选择重新载入或仍然保存。
ALTER TABLE community_profiles ADD COLUMN row_version BIGINT NOT NULL DEFAULT 1;
ALTER TABLE divisions ADD COLUMN row_version BIGINT NOT NULL DEFAULT 1;
ALTER TABLE purchase_contracts ADD COLUMN row_version BIGINT NOT NULL DEFAULT 1;
ALTER TABLE departments ADD COLUMN row_version BIGINT NOT NULL DEFAULT 1;
ALTER TABLE reform_tasks ADD COLUMN row_version BIGINT NOT NULL DEFAULT 1;
ALTER TABLE task_townships ADD COLUMN row_version BIGINT NOT NULL DEFAULT 1;
ALTER TABLE assessments ADD COLUMN row_version BIGINT NOT NULL DEFAULT 1;
ALTER TABLE social_orgs ADD COLUMN row_version BIGINT NOT NULL DEFAULT 1;
ALTER TABLE social_org_years ADD COLUMN row_version BIGINT NOT NULL DEFAULT 1;
ALTER TABLE social_workers ADD COLUMN row_version BIGINT NOT NULL DEFAULT 1;
ALTER TABLE grids ADD COLUMN row_version BIGINT NOT NULL DEFAULT 1;
ALTER TABLE joint_projects ADD COLUMN row_version BIGINT NOT NULL DEFAULT 1;
ALTER TABLE ledger_meetings ADD COLUMN row_version BIGINT NOT NULL DEFAULT 1;
ALTER TABLE ledger_council_terms ADD COLUMN row_version BIGINT NOT NULL DEFAULT 1;
ALTER TABLE ledger_opinions ADD COLUMN row_version BIGINT NOT NULL DEFAULT 1;
ALTER TABLE ledger_consultations ADD COLUMN row_version BIGINT NOT NULL DEFAULT 1;
ALTER TABLE ledger_covenants ADD COLUMN row_version BIGINT NOT NULL DEFAULT 1;
ALTER TABLE ledger_estates ADD COLUMN row_version BIGINT NOT NULL DEFAULT 1;
ALTER TABLE ledger_supervision_terms ADD COLUMN row_version BIGINT NOT NULL DEFAULT 1;
ALTER TABLE ledger_disclosure_items ADD COLUMN row_version BIGINT NOT NULL DEFAULT 1;
ALTER TABLE ledger_disclosures ADD COLUMN row_version BIGINT NOT NULL DEFAULT 1;
ALTER TABLE ledger_evaluations ADD COLUMN row_version BIGINT NOT NULL DEFAULT 1;
ALTER TABLE ledger_accountability ADD COLUMN row_version BIGINT NOT NULL DEFAULT 1;
ALTER TABLE ledger_service_items ADD COLUMN row_version BIGINT NOT NULL DEFAULT 1;
ALTER TABLE ledger_community_tasks ADD COLUMN row_version BIGINT NOT NULL DEFAULT 1;
