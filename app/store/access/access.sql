-- 共享模式的访问规则（issue 17）：组角色、各登录角色的区划范围、范围函数、操作日志只增不改。
-- shequctl init 以数据库所有者身份执行，可以反复执行（每句都可重入）。行级安全的各表策略见 pgaccess_policies.go。
-- {{SCHEMA}} is the schema shequ's tables live in, quoted.

-- The group roles are cluster-wide; two desks' init may race on them, hence the exception handler.
DO $$
DECLARE r text;
BEGIN
    FOREACH r IN ARRAY ARRAY['shequ_viewer', 'shequ_clerk', 'shequ_admin'] LOOP
        IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = r) THEN
            BEGIN
                EXECUTE format('CREATE ROLE %I NOLOGIN', r);
            EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL;
            END;
        END IF;
    END LOOP;
END $$;

-- Each login role's kind and scope in this database. scope_code NULL: the whole database;
-- scope_prefix is what the scope's division codes start with ('' for the whole database).
CREATE TABLE IF NOT EXISTS access_scopes (
    role_name VARCHAR(63) PRIMARY KEY,
    kind VARCHAR(16) NOT NULL CHECK (kind IN ('admin', 'clerk', 'viewer')),
    scope_code VARCHAR(12) REFERENCES divisions (code),
    scope_prefix VARCHAR(12) NOT NULL,
    created_at TIMESTAMPTZ NOT NULL DEFAULT now(),
    created_by VARCHAR(63) NOT NULL DEFAULT session_user
);

-- The owner of shequ's tables (and any superuser) works on the whole database.
CREATE OR REPLACE FUNCTION shequ_is_owner() RETURNS boolean
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = {{SCHEMA}}, pg_catalog AS $$
    SELECT pg_has_role(session_user, c.relowner, 'MEMBER')
    FROM pg_class c WHERE c.oid = 'access_scopes'::regclass
$$;

-- What the division codes under the signed-in role's scope start with: '' for the owner and for
-- roles recorded without a scope, 6 digits for a county, 9 for a township; '-' (which no code
-- starts with) for a role not recorded in this database. Policies call it as (SELECT …), once
-- per statement.
CREATE OR REPLACE FUNCTION shequ_scope_prefix() RETURNS text
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = {{SCHEMA}}, pg_catalog AS $$
    SELECT CASE WHEN shequ_is_owner() THEN ''
        ELSE COALESCE((SELECT a.scope_prefix FROM access_scopes a WHERE a.role_name = session_user), '-') END
$$;

-- The signed-in role's own record (kind and scope), readable by roles that may not read the table.
CREATE OR REPLACE FUNCTION shequ_session_account(OUT kind text, OUT scope_code text) RETURNS SETOF record
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = {{SCHEMA}}, pg_catalog AS $$
    SELECT a.kind::text, a.scope_code::text FROM access_scopes a WHERE a.role_name = session_user
$$;

-- The divisions above the scope (its city, and for a township its county): readable, so the
-- division tree and the county's catalogues reach a township clerk, but never writable.
CREATE OR REPLACE FUNCTION shequ_scope_above() RETURNS text[]
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = {{SCHEMA}}, pg_catalog AS $$
    SELECT CASE length(p)
        WHEN 9 THEN ARRAY[rpad(left(p, 4), 12, '0'), rpad(left(p, 6), 12, '0')]
        WHEN 6 THEN ARRAY[rpad(left(p, 4), 12, '0')]
        ELSE ARRAY[]::text[] END
    FROM (SELECT shequ_scope_prefix() AS p) s
$$;

-- The login roles whose audit entries the signed-in role may read: itself and every role whose
-- scope lies within its own.
CREATE OR REPLACE FUNCTION shequ_scope_actors() RETURNS text[]
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = {{SCHEMA}}, pg_catalog AS $$
    SELECT array_append(COALESCE(array_agg(a.role_name::text), ARRAY[]::text[]), session_user::text)
    FROM access_scopes a
    WHERE shequ_scope_prefix() <> '-' AND a.scope_prefix LIKE shequ_scope_prefix() || '%'
$$;

-- When the database was last written (首页's 最后修改), whichever role wrote it: the latest audit
-- entry that records a change (not a view, not a backup: DataChangedAt in meta.go), which a scoped
-- role could not read itself. It tells the time only, nothing of what changed or where.
CREATE OR REPLACE FUNCTION shequ_data_changed_at() RETURNS timestamptz
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = {{SCHEMA}}, pg_catalog, pg_temp AS $$
    SELECT a.at FROM audit_log a WHERE a.action <> '查看' AND a.module <> '数据安全' ORDER BY a.id DESC LIMIT 1
$$;

-- Adds a login role: the owner for anyone, an admin within his own scope. The password arrives
-- as a SCRAM verifier (computed by shequctl), so no statement log ever holds it. The checks
-- repeat shequ's own (which say in Chinese what is wrong) for anyone calling it directly.
CREATE OR REPLACE FUNCTION shequ_add_user(p_name text, p_kind text, p_scope text, p_verifier text) RETURNS void
LANGUAGE plpgsql SECURITY DEFINER SET search_path = {{SCHEMA}}, pg_catalog AS $$
DECLARE
    mine text := shequ_scope_prefix();
    lvl text;
    prefix text := '';
BEGIN
    IF NOT (shequ_is_owner() OR (pg_has_role(session_user, 'shequ_admin', 'MEMBER') AND mine <> '-')) THEN
        RAISE EXCEPTION '只有信息管理员（数据库所有者）或管理员账号可以添加账号' USING ERRCODE = '42501';
    END IF;
    IF p_kind NOT IN ('admin', 'clerk', 'viewer') THEN
        RAISE EXCEPTION '角色应为 admin、clerk 或 viewer' USING ERRCODE = '22023';
    END IF;
    IF p_verifier NOT LIKE 'SCRAM-SHA-256$%' THEN
        RAISE EXCEPTION '密码应以 SCRAM-SHA-256 散列提供' USING ERRCODE = '22023';
    END IF;
    IF p_scope IS NOT NULL THEN
        SELECT d.level INTO lvl FROM divisions d WHERE d.code = p_scope;
        prefix := CASE lvl WHEN 'county' THEN left(p_scope, 6) WHEN 'township' THEN left(p_scope, 9) END;
        IF prefix IS NULL THEN
            RAISE EXCEPTION '范围 % 不是数据库里的县或乡镇', p_scope USING ERRCODE = '22023';
        END IF;
    END IF;
    IF prefix NOT LIKE mine || '%' THEN
        RAISE EXCEPTION '管理员只能在自己的范围（%）内添加账号', mine USING ERRCODE = '42501';
    END IF;
    EXECUTE format('CREATE ROLE %I LOGIN INHERIT PASSWORD %L', p_name, p_verifier);
    EXECUTE format('GRANT %I TO %I', 'shequ_' || p_kind, p_name);
    EXECUTE format('GRANT CONNECT ON DATABASE %I TO %I', current_database(), p_name);
    INSERT INTO access_scopes (role_name, kind, scope_code, scope_prefix) VALUES (p_name, p_kind, p_scope, prefix);
END $$;
REVOKE ALL ON FUNCTION shequ_add_user(text, text, text, text) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION shequ_add_user(text, text, text, text) TO shequ_admin;

-- The actor and time of an audit entry come from the database session, not from the client.
-- The owner is exempt: moving a desk database in (import-desk) keeps the desk's actors.
CREATE OR REPLACE FUNCTION shequ_audit_actor() RETURNS trigger
LANGUAGE plpgsql SET search_path = {{SCHEMA}}, pg_catalog AS $$
BEGIN
    IF NOT shequ_is_owner() THEN
        NEW.actor := session_user;
        NEW.at := now();
    END IF;
    RETURN NEW;
END $$;

DROP TRIGGER IF EXISTS shequ_audit_actor ON audit_log;
CREATE TRIGGER shequ_audit_actor BEFORE INSERT ON audit_log
    FOR EACH ROW EXECUTE PROCEDURE shequ_audit_actor();

-- Grants. Nobody but the owner creates objects; only recorded login roles connect (user add
-- grants CONNECT to each), so a clerk of another shequ database on the same server cannot.
REVOKE CREATE ON SCHEMA {{SCHEMA}} FROM PUBLIC;
GRANT USAGE ON SCHEMA {{SCHEMA}} TO shequ_viewer, shequ_clerk, shequ_admin;
DO $$
BEGIN
    EXECUTE format('REVOKE CONNECT, TEMPORARY ON DATABASE %I FROM PUBLIC', current_database());
END $$;
DO $$
BEGIN
    IF NOT pg_has_role('shequ_admin', 'shequ_clerk', 'MEMBER') THEN
        GRANT shequ_clerk TO shequ_admin;
    END IF;
EXCEPTION WHEN unique_violation THEN NULL;
END $$;

REVOKE ALL ON ALL TABLES IN SCHEMA {{SCHEMA}} FROM PUBLIC, shequ_viewer, shequ_clerk, shequ_admin;
GRANT SELECT ON ALL TABLES IN SCHEMA {{SCHEMA}} TO shequ_viewer, shequ_clerk;
GRANT INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA {{SCHEMA}} TO shequ_clerk;
GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA {{SCHEMA}} TO shequ_clerk;
-- The desk-mode accounts (password hashes) and the scope table are not the clerks' business;
-- the schema history and the audit trail are read-only or append-only.
REVOKE ALL ON users, access_scopes FROM shequ_viewer, shequ_clerk;
REVOKE INSERT, UPDATE, DELETE ON schema_migrations FROM shequ_clerk;
REVOKE UPDATE, DELETE, TRUNCATE ON audit_log FROM shequ_clerk;
GRANT SELECT ON access_scopes TO shequ_admin;
-- An admin reads the accounts within his scope. Not forced: the scope functions read the table
-- as its owner.
ALTER TABLE access_scopes ENABLE ROW LEVEL SECURITY;
DROP POLICY IF EXISTS shequ_scope ON access_scopes;
CREATE POLICY shequ_scope ON access_scopes FOR SELECT
    USING (role_name = session_user OR scope_prefix LIKE (SELECT shequ_scope_prefix()) || '%');

-- The 社区标准化 chain across desks: 自查 → 乡镇审核 → 县级验收 → 公示. Submitting (自查 → 乡镇审核)
-- is any writer's within his scope (row-level security keeps him to it); the township's review
-- (approving or sending back what is in 乡镇审核) an admin's, a township's or above; the county's
-- steps (accepting, publishing, reopening, sending back from 县级验收) an admin's of a county or
-- the whole database. The owner is exempt, as for the audit trail. The messages are the clerk's.
CREATE OR REPLACE FUNCTION shequ_assessment_step() RETURNS trigger
LANGUAGE plpgsql SET search_path = {{SCHEMA}}, pg_catalog AS $$
DECLARE
    k text;
    p text := shequ_scope_prefix();
BEGIN
    IF shequ_is_owner() OR (NEW.state IS NOT DISTINCT FROM OLD.state AND NEW.accepted_at IS NOT DISTINCT FROM OLD.accepted_at) THEN
        RETURN NEW;
    END IF;
    SELECT s.kind INTO k FROM shequ_session_account() s;
    IF OLD.state = '自查' AND NEW.state = '乡镇审核' THEN
        RETURN NEW;
    END IF;
    IF OLD.state = '乡镇审核' THEN
        IF k = 'admin' THEN
            RETURN NEW;
        END IF;
        RAISE EXCEPTION '乡镇审核（通过或退回）须由乡镇（街道）或县级的管理员账号办理，录入员不能审核' USING ERRCODE = '42501';
    END IF;
    IF k = 'admin' AND length(p) <= 6 THEN
        RETURN NEW;
    END IF;
    RAISE EXCEPTION '县级验收、公示、重新打开和从县级验收退回须由县级的管理员账号办理' USING ERRCODE = '42501';
END $$;
DROP TRIGGER IF EXISTS shequ_assessment_step ON assessments;
CREATE TRIGGER shequ_assessment_step BEFORE UPDATE ON assessments
    FOR EACH ROW EXECUTE FUNCTION shequ_assessment_step();

-- The county's indicator library for a year is the county's to change (row-level security), but
-- a township's clerk needs it for his first 自查 of the year: this creates it, exactly as the
-- store's ensureLibrary does (a copy of the county's newest version of its latest earlier year,
-- else of the built-in default, with its audit entry), for a county within the caller's scope,
-- and returns its id. Two desks at once make one library: the lock per county and year waits for
-- the first, and the second then finds it. search_path is pinned with pg_temp last and EXECUTE
-- goes to the writers only, as PostgreSQL's guidance for SECURITY DEFINER functions asks.
CREATE OR REPLACE FUNCTION shequ_county_library(p_county text, p_year integer) RETURNS bigint
LANGUAGE plpgsql SECURITY DEFINER SET search_path = {{SCHEMA}}, pg_catalog, pg_temp AS $$
DECLARE
    mine text := shequ_scope_prefix();
    v_id bigint;
    v_src checklist_versions%ROWTYPE;
    v_note text;
BEGIN
    IF mine = '-' OR NOT EXISTS (SELECT 1 FROM divisions d WHERE d.code = p_county AND d.level = 'county') THEN
        RAISE EXCEPTION '只能为本账号范围内的县建立指标库：% 不是数据库里的县，或账号没有登记', p_county USING ERRCODE = '42501';
    END IF;
    IF left(p_county, 6) NOT LIKE left(mine, 6) || '%' THEN
        RAISE EXCEPTION '只能为本账号范围内的县建立指标库，% 不在范围（%）内', p_county, mine USING ERRCODE = '42501';
    END IF;
    IF p_year IS NULL OR p_year < 1 THEN
        RAISE EXCEPTION '年度 % 不正确', p_year USING ERRCODE = '22023';
    END IF;
    PERFORM pg_advisory_xact_lock(hashtext('shequ_county_library'), hashtext(p_county || ':' || p_year));
    SELECT v.id INTO v_id FROM checklist_versions v WHERE v.county_code = p_county AND v.year = p_year
        ORDER BY v.version DESC LIMIT 1;
    IF v_id IS NOT NULL THEN
        RETURN v_id;
    END IF;
    SELECT * INTO v_src FROM checklist_versions v WHERE v.county_code = p_county AND v.year < p_year
        ORDER BY v.year DESC, v.version DESC LIMIT 1;
    IF NOT FOUND THEN
        SELECT * INTO v_src FROM checklist_versions v WHERE v.county_code IS NULL ORDER BY v.version DESC LIMIT 1;
    END IF;
    IF NOT FOUND THEN
        RAISE EXCEPTION '还没有默认指标库，请先初始化数据库' USING ERRCODE = 'P0002';
    END IF;
    -- The note reads as libraryLabel (checklist.go) writes it.
    v_note := '以' || CASE WHEN v_src.county_code IS NULL THEN format('默认指标库 第%s版', v_src.version)
        ELSE format('%s %s年指标库 第%s版', v_src.county_code, v_src.year, v_src.version) END || '为底本建立';
    INSERT INTO checklist_versions (county_code, year, version, standard_min, good_min, excellent_min, note, created_at, created_by)
        VALUES (p_county, p_year, 1, v_src.standard_min, v_src.good_min, v_src.excellent_min, v_note, now(), session_user)
        RETURNING id INTO v_id;
    INSERT INTO checklist_indicators (version_id, code, dimension, name, requirement, method, unit, target_community,
            target_village, points, mandatory, source, retired, sort_order)
        SELECT v_id, i.code, i.dimension, i.name, i.requirement, i.method, i.unit, i.target_community,
            i.target_village, i.points, i.mandatory, i.source, i.retired, i.sort_order
        FROM checklist_indicators i WHERE i.version_id = v_src.id ORDER BY i.sort_order, i.code;
    INSERT INTO record_owners (entity, entity_id, created_by, created_at) VALUES ('指标库', v_id::text, session_user, now())
        ON CONFLICT (entity, entity_id) DO UPDATE SET created_by = EXCLUDED.created_by, created_at = EXCLUDED.created_at;
    INSERT INTO audit_log (at, actor, module, entity, entity_id, action, note)
        VALUES (now(), session_user, '社区标准化建设', '指标库', v_id::text, '新增',
            format('%s %s年指标库 第1版：', p_county, p_year) || v_note);
    RETURN v_id;
END $$;
REVOKE ALL ON FUNCTION shequ_county_library(text, integer) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION shequ_county_library(text, integer) TO shequ_clerk;
