-- Decision 0019: 申请编号 for applications past draft, receipt numbers for complaints.
ALTER TABLE "applications" ADD COLUMN "application_no" text;--> statement-breakpoint
ALTER TABLE "complaints" ADD COLUMN "number" text;--> statement-breakpoint
-- back-fill: per receiving agency and China year of submission, in order of submission (then id);
-- the prefix is the agency's 机关代字 as agencyShort() (src/designation/issue-documents.ts) builds it
CREATE TEMPORARY VIEW "dd_agency_short" AS
  SELECT o.id, coalesce(nullif(left(regexp_replace(coalesce(r.name, ''), '(省|市|自治区|自治州|地区|盟|区|县|旗|特别行政区|壮族|回族|维吾尔)+$', ''), CASE WHEN o.level = 'county' THEN 2 ELSE 1 END), ''), '医') || '医保' AS short
  FROM organizations o LEFT JOIN regions r ON r.code = o.region_code;--> statement-breakpoint
WITH n AS (
  SELECT a.id, a.agency_org_id,
    extract(year FROM (coalesce(a.submitted_at, a.created_at) AT TIME ZONE 'UTC') + interval '8 hours')::int AS year,
    row_number() OVER (
      PARTITION BY a.agency_org_id, extract(year FROM (coalesce(a.submitted_at, a.created_at) AT TIME ZONE 'UTC') + interval '8 hours')
      ORDER BY coalesce(a.submitted_at, a.created_at), a.id
    ) AS serial
  FROM applications a WHERE a.state <> 'draft'
)
UPDATE applications a SET application_no = coalesce(s.short, '医保') || '定申〔' || n.year || '〕' || n.serial || '号'
FROM n LEFT JOIN dd_agency_short s ON s.id = n.agency_org_id
WHERE a.id = n.id;--> statement-breakpoint
INSERT INTO document_counters (agency_org_id, type_code, year, last)
  SELECT coalesce(agency_org_id, '00000000-0000-0000-0000-000000000000'::uuid), '定申',
    substring(application_no FROM '〔(\d{4})〕')::int, max(substring(application_no FROM '〕(\d+)号$')::int)
  FROM applications WHERE application_no IS NOT NULL GROUP BY 1, 3
ON CONFLICT (agency_org_id, type_code, year) DO UPDATE SET last = greatest(document_counters.last, excluded.last);--> statement-breakpoint
WITH n AS (
  SELECT c.id, a.agency_org_id,
    extract(year FROM (c.received_at AT TIME ZONE 'UTC') + interval '8 hours')::int AS year,
    row_number() OVER (
      PARTITION BY a.agency_org_id, extract(year FROM (c.received_at AT TIME ZONE 'UTC') + interval '8 hours')
      ORDER BY c.received_at, c.id
    ) AS serial
  FROM complaints c JOIN applications a ON a.id = c.application_id
)
UPDATE complaints c SET number = coalesce(s.short, '医保') || '投诉〔' || n.year || '〕' || n.serial || '号'
FROM n LEFT JOIN dd_agency_short s ON s.id = n.agency_org_id
WHERE c.id = n.id;--> statement-breakpoint
INSERT INTO document_counters (agency_org_id, type_code, year, last)
  SELECT coalesce(a.agency_org_id, '00000000-0000-0000-0000-000000000000'::uuid), '投诉',
    substring(c.number FROM '〔(\d{4})〕')::int, max(substring(c.number FROM '〕(\d+)号$')::int)
  FROM complaints c JOIN applications a ON a.id = c.application_id WHERE c.number IS NOT NULL GROUP BY 1, 3
ON CONFLICT (agency_org_id, type_code, year) DO UPDATE SET last = greatest(document_counters.last, excluded.last);--> statement-breakpoint
DROP VIEW "dd_agency_short";--> statement-breakpoint
CREATE UNIQUE INDEX "applications_no_uq" ON "applications" USING btree ("agency_org_id","application_no");--> statement-breakpoint
CREATE INDEX "complaints_number_idx" ON "complaints" USING btree ("number");
