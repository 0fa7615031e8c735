CREATE TABLE "third_party_filings" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"institution_id" uuid NOT NULL,
	"region_code" text NOT NULL,
	"profile_id" text NOT NULL,
	"agency_org_id" uuid,
	"status" text DEFAULT 'submitted' NOT NULL,
	"services" text[] NOT NULL,
	"licence" jsonb NOT NULL,
	"equipment" jsonb NOT NULL,
	"staff" jsonb NOT NULL,
	"note" text,
	"checks" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"decision_note" text,
	"decided_by" uuid,
	"decided_at" timestamp with time zone,
	"submitted_by" uuid NOT NULL,
	"submitted_at" timestamp with time zone NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "insured_counts" (
	"region_code" text NOT NULL,
	"as_of" date NOT NULL,
	"persons" integer NOT NULL,
	"source" text NOT NULL,
	"entered_by" uuid NOT NULL,
	"entered_at" timestamp with time zone NOT NULL,
	CONSTRAINT "insured_counts_region_code_as_of_pk" PRIMARY KEY("region_code","as_of")
);
--> statement-breakpoint
CREATE TABLE "province_reports" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"region_code" text NOT NULL,
	"agency_org_id" uuid NOT NULL,
	"period_from" date NOT NULL,
	"period_to" date NOT NULL,
	"items" jsonb NOT NULL,
	"submitted_by" uuid NOT NULL,
	"submitted_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "third_party_filings" ADD CONSTRAINT "third_party_filings_institution_id_institutions_id_fk" FOREIGN KEY ("institution_id") REFERENCES "public"."institutions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "third_party_filings" ADD CONSTRAINT "third_party_filings_region_code_regions_code_fk" FOREIGN KEY ("region_code") REFERENCES "public"."regions"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "third_party_filings" ADD CONSTRAINT "third_party_filings_agency_org_id_organizations_id_fk" FOREIGN KEY ("agency_org_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "third_party_filings" ADD CONSTRAINT "third_party_filings_decided_by_users_id_fk" FOREIGN KEY ("decided_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "third_party_filings" ADD CONSTRAINT "third_party_filings_submitted_by_users_id_fk" FOREIGN KEY ("submitted_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "insured_counts" ADD CONSTRAINT "insured_counts_region_code_regions_code_fk" FOREIGN KEY ("region_code") REFERENCES "public"."regions"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "insured_counts" ADD CONSTRAINT "insured_counts_entered_by_users_id_fk" FOREIGN KEY ("entered_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "province_reports" ADD CONSTRAINT "province_reports_region_code_regions_code_fk" FOREIGN KEY ("region_code") REFERENCES "public"."regions"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "province_reports" ADD CONSTRAINT "province_reports_agency_org_id_organizations_id_fk" FOREIGN KEY ("agency_org_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "province_reports" ADD CONSTRAINT "province_reports_submitted_by_users_id_fk" FOREIGN KEY ("submitted_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "tp_filings_region_status_idx" ON "third_party_filings" USING btree ("region_code","status");--> statement-breakpoint
CREATE INDEX "tp_filings_inst_idx" ON "third_party_filings" USING btree ("institution_id");--> statement-breakpoint
CREATE UNIQUE INDEX "tp_filings_one_open_uq" ON "third_party_filings" USING btree ("institution_id") WHERE status = 'submitted';--> statement-breakpoint
CREATE INDEX "province_reports_region_idx" ON "province_reports" USING btree ("region_code","period_to");