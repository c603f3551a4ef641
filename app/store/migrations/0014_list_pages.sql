-- 长列表按页读取：经费保障的明细按区划、类别顺序分页（不必先整体排序），合计由覆盖索引求出。
DROP INDEX idx_budget_lines_year;
CREATE INDEX idx_budget_lines_order ON budget_lines (year, division_code, category_id);
CREATE INDEX idx_budget_lines_sums ON budget_lines (year, category_id, source_id, division_code, amount_fen);
