-- 数据安全：每条记录（含导入的行与批次）由谁建立。录入员只能删除自己建立的记录、撤销自己导入的批次。
-- 已有的记录按操作日志中最早的“新增”条目、预算导入批次按导入人补记。
CREATE TABLE record_owners (
    entity VARCHAR(60) NOT NULL,
    entity_id VARCHAR(60) NOT NULL,
    created_by VARCHAR(100) NOT NULL,
    created_at TIMESTAMP NOT NULL,
    PRIMARY KEY (entity, entity_id)
);

INSERT INTO record_owners (entity, entity_id, created_by, created_at)
SELECT a.entity, a.entity_id, a.actor, a.at FROM audit_log a
WHERE a.id IN (SELECT MIN(id) FROM audit_log WHERE action = '新增' AND entity_id <> '' GROUP BY entity, entity_id);

INSERT INTO record_owners (entity, entity_id, created_by, created_at)
SELECT '预算导入批次', CAST(b.id AS VARCHAR(60)), b.imported_by, b.imported_at FROM budget_batches b
WHERE NOT EXISTS (SELECT 1 FROM record_owners o WHERE o.entity = '预算导入批次' AND o.entity_id = CAST(b.id AS VARCHAR(60)));
