-- 会议类型与示范称号类别改用全角括号，与界面、导出和报告一致：村(居)民会议 → 村（居）民会议，示范城区(市) → 示范城区（市）。
UPDATE ledger_meetings SET kind = REPLACE(REPLACE(kind, '(', '（'), ')', '）') WHERE kind IN ('村(居)民会议', '村(居)民代表会议');
UPDATE demo_titles SET kind = '示范城区（市）' WHERE kind = '示范城区(市)';
