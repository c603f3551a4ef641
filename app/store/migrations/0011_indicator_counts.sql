-- 社区标准化建设：各乡镇（街道）每年每项指标的已填报测评数与达标数。随测评的每次保存在同一事务中
-- 重算该乡镇当年的数字，“薄弱指标”（屏幕与报表）由此读取，不必再逐条汇总全部指标值：全市一年约
-- 十万条指标值。
CREATE TABLE assessment_indicator_counts (
    township_code VARCHAR(12) NOT NULL,
    county_code VARCHAR(12) NOT NULL,
    year INTEGER NOT NULL,
    code VARCHAR(8) NOT NULL,
    met INTEGER NOT NULL,
    n INTEGER NOT NULL,
    PRIMARY KEY (township_code, year, code)
);
CREATE INDEX idx_assessment_indicator_counts_county ON assessment_indicator_counts (county_code, year);

INSERT INTO assessment_indicator_counts (township_code, county_code, year, code, met, n)
SELECT a.township_code, a.county_code, a.year, v.code, SUM(CASE WHEN v.met THEN 1 ELSE 0 END), COUNT(*)
FROM assessments a JOIN assessment_values v ON v.assessment_id = a.id
GROUP BY a.township_code, a.county_code, a.year, v.code;
