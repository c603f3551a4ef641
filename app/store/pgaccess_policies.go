package store

import "fmt"

// Row-level security (issue 17): which rows of each table a scoped login role reads and writes.
// The owner of the tables is not bound by it (and shequ_scope_prefix() is '' for it anyway).
// Every policy is permissive; a table's SELECT sees the OR of its policies for SELECT and ALL,
// while UPDATE, INSERT and DELETE see only the write policy, so what is readable "above" the scope
// (the county's catalogues, the city and county in the division tree) is never writable.

// scopePrefix is the signed-in role's prefix, evaluated once per statement (an InitPlan).
const scopePrefix = `(SELECT shequ_scope_prefix())`

// inScope is the condition that the division code in col lies under the role's scope.
func inScope(col string) string { return fmt.Sprintf("%s LIKE %s || '%%'", col, scopePrefix) }

// aboveScope is the condition that col names a division above the role's scope.
func aboveScope(col string) string { return col + ` IN (SELECT unnest(shequ_scope_above()))` }

// viaParent is the condition that the parent row col points at is one the role may see (the
// parent's own policy filters the subquery).
func viaParent(parent, col string) string {
	return fmt.Sprintf("EXISTS (SELECT 1 FROM %s p WHERE p.id = %s)", parent, col)
}

// rowPolicy is one table's rules: write decides reading and writing alike, readAlso adds rows
// that may be read but not written.
type rowPolicy struct {
	table, write, readAlso string
}

// scopedTables are the tables with row-level security. A table added by a later migration that
// carries a division code belongs here too (and shequctl init is run again after the upgrade).
var scopedTables = []rowPolicy{
	{table: "divisions", write: inScope("code"), readAlso: aboveScope("code")},
	{table: "division_changes", write: inScope("code")},
	{table: "community_profiles", write: inScope("division_code")},
	{table: "task_townships", write: inScope("division_code")},
	{table: "budget_batches", write: inScope("county_code")},
	{table: "budget_lines", write: inScope("division_code")},
	{table: "budget_disbursements", write: viaParent("budget_lines", "line_id")},
	{table: "purchase_contract_divisions", write: inScope("division_code")},
	// Contracts name no division of their own: the county's register is read by everyone and
	// changed by county-wide roles only (a township's part is its purchase_contract_divisions).
	{table: "purchase_contracts", write: "length(" + scopePrefix + ") BETWEEN 0 AND 6 AND " + scopePrefix + " <> '-'", readAlso: scopePrefix + " <> '-'"},
	{table: "ledger_meetings", write: inScope("division_code")},
	{table: "ledger_opinions", write: inScope("division_code")},
	{table: "ledger_consultations", write: inScope("division_code")},
	{table: "ledger_consultation_steps", write: viaParent("ledger_consultations", "consultation_id")},
	{table: "ledger_covenants", write: inScope("division_code")},
	{table: "ledger_estates", write: inScope("division_code")},
	{table: "ledger_disclosure_items", write: inScope("county_code"), readAlso: aboveScope("county_code")},
	{table: "ledger_disclosures", write: inScope("division_code")},
	{table: "ledger_evaluations", write: inScope("division_code")},
	{table: "ledger_accountability", write: inScope("division_code")},
	{table: "ledger_service_items", write: inScope("county_code"), readAlso: aboveScope("county_code")},
	{table: "ledger_community_tasks", write: inScope("division_code")},
	{table: "ledger_council_terms", write: inScope("division_code")},
	{table: "ledger_supervision_terms", write: inScope("division_code")},
	// A version without a county is the city-wide standard: everyone reads it, whole-database
	// roles change it.
	{table: "checklist_versions", write: "(" + scopePrefix + " = '' OR " + inScope("county_code") + ")",
		readAlso: "(county_code IS NULL OR " + aboveScope("county_code") + ") AND " + scopePrefix + " <> '-'"},
	{table: "checklist_indicators", write: "EXISTS (SELECT 1 FROM checklist_versions p WHERE p.id = version_id AND (" +
		scopePrefix + " = '' OR p.county_code LIKE " + scopePrefix + " || '%'))",
		readAlso: viaParent("checklist_versions", "version_id")},
	{table: "assessments", write: inScope("division_code")},
	{table: "assessment_values", write: viaParent("assessments", "assessment_id")},
	{table: "assessment_steps", write: viaParent("assessments", "assessment_id")},
	{table: "assessment_value_keys", write: viaParent("assessments", "assessment_id")},
	{table: "assessment_indicator_counts", write: inScope("township_code")},
	{table: "demo_titles", write: inScope("division_code")},
	{table: "social_orgs", write: inScope("division_code")},
	{table: "social_org_divisions", write: inScope("division_code")},
	{table: "social_org_years", write: viaParent("social_orgs", "org_id")},
	{table: "social_workers", write: inScope("division_code")},
	{table: "grids", write: inScope("division_code")},
	{table: "grid_workers", write: viaParent("grids", "grid_id")},
	{table: "joint_projects", write: inScope("division_code")},
	{table: "joint_project_orgs", write: viaParent("joint_projects", "project_id")},
	{table: "joint_project_workers", write: viaParent("joint_projects", "project_id")},
	// Attachments belong to the record they are attached to; kinds added later are visible to
	// whole-database roles only until they are listed here.
	{table: "attachments", write: "CASE owner_kind" +
		" WHEN 'ledger_meeting' THEN " + viaParent("ledger_meetings", "owner_id") +
		" WHEN 'assessment_value' THEN " + viaParent("assessment_value_keys", "owner_id") +
		" ELSE " + scopePrefix + " = '' END"},
	// The audit trail: everyone appends (the trigger sets actor and time); a scoped role reads
	// what it and the roles within its scope did; whole-database roles read everything. There is
	// no UPDATE or DELETE grant on it for any application role.
	{table: "audit_log", write: scopePrefix + " = ''",
		readAlso: "actor IN (SELECT unnest(shequ_scope_actors()))"},
}

// policySQL is the statements that (re)create one table's policies. Row security is not forced:
// the application roles own no table, so ENABLE binds them all, while the owner (init, import-desk,
// pg_dump, the SECURITY DEFINER functions) works on whole tables; forcing it would make pg_dump
// run by the owner refuse the tables.
func policySQL(p rowPolicy) []string {
	t := p.table
	out := []string{
		"ALTER TABLE " + t + " ENABLE ROW LEVEL SECURITY",
		"ALTER TABLE " + t + " NO FORCE ROW LEVEL SECURITY",
		"DROP POLICY IF EXISTS shequ_scope ON " + t,
		"DROP POLICY IF EXISTS shequ_read_above ON " + t,
		"DROP POLICY IF EXISTS shequ_append ON " + t,
		fmt.Sprintf("CREATE POLICY shequ_scope ON %s USING (%s) WITH CHECK (%s)", t, p.write, p.write),
	}
	if p.readAlso != "" {
		out = append(out, fmt.Sprintf("CREATE POLICY shequ_read_above ON %s FOR SELECT USING (%s)", t, p.readAlso))
	}
	if t == "audit_log" {
		out = append(out, "CREATE POLICY shequ_append ON audit_log FOR INSERT WITH CHECK (true)")
	}
	return out
}
