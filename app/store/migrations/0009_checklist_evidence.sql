-- 社区标准化建设：测评指标值的证明材料。文件本身存于通用附件表 attachments（0008，owner_kind =
-- 'assessment_value'）；指标值随每次保存整体重写、没有自己的编号，所以这里给每个（测评, 指标）
-- 一个固定编号，作为附件的 owner_id。
CREATE TABLE assessment_value_keys (
    id {{ID}},
    assessment_id BIGINT NOT NULL REFERENCES assessments (id),
    code VARCHAR(8) NOT NULL,
    UNIQUE (assessment_id, code)
);
