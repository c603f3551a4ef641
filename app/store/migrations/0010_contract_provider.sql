-- 政府购买服务合同的承接主体链接到三社互动登记的社会组织（未登记的承接主体仍只填名称）。
ALTER TABLE purchase_contracts ADD COLUMN provider_org_id BIGINT REFERENCES social_orgs (id);
