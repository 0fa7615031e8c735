CREATE TABLE "experts" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"pool_org_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"name" text NOT NULL,
	"id_number" text,
	"specialties" text[] DEFAULT '{}' NOT NULL,
	"employer" text,
	"employer_uscc" text,
	"phone" text,
	"term_from" date NOT NULL,
	"term_to" date,
	"status" text DEFAULT 'active' NOT NULL,
	"status_reason" text,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "registration_challenges" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"salt" text NOT NULL,
	"bits" integer NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"used_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "registration_files" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"registration_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"file_name" text NOT NULL,
	"mime" text NOT NULL,
	"size" integer NOT NULL,
	"sha256" text NOT NULL,
	"content" "bytea" NOT NULL,
	"at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "registrations" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"status" text DEFAULT 'pending' NOT NULL,
	"uscc" text NOT NULL,
	"name" text NOT NULL,
	"kind" text NOT NULL,
	"subtype" text NOT NULL,
	"ownership" text NOT NULL,
	"region_code" text NOT NULL,
	"address" text NOT NULL,
	"legal_rep_name" text NOT NULL,
	"legal_rep_id_number" text NOT NULL,
	"contact_name" text NOT NULL,
	"contact_phone" text NOT NULL,
	"user_id" uuid NOT NULL,
	"agency_org_id" uuid,
	"return_reason" text,
	"institution_id" uuid,
	"decided_by" uuid,
	"decided_at" timestamp with time zone,
	"submitted_at" timestamp with time zone NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "import_jobs" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"format" text NOT NULL,
	"mode" text NOT NULL,
	"file_name" text NOT NULL,
	"status" text DEFAULT 'queued' NOT NULL,
	"rows_done" integer DEFAULT 0 NOT NULL,
	"rows_total" integer,
	"rejected" integer DEFAULT 0 NOT NULL,
	"created" integer DEFAULT 0 NOT NULL,
	"updated" integer DEFAULT 0 NOT NULL,
	"unchanged" integer DEFAULT 0 NOT NULL,
	"agreements_created" integer DEFAULT 0 NOT NULL,
	"agreements_updated" integer DEFAULT 0 NOT NULL,
	"message" text,
	"scope_prefix" text NOT NULL,
	"org_id" uuid,
	"created_by" uuid,
	"created_at" timestamp with time zone NOT NULL,
	"finished_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "import_keys" (
	"job_id" uuid NOT NULL,
	"line" integer NOT NULL,
	"uscc" text NOT NULL,
	"yb_code" text,
	"agreement_number" text,
	CONSTRAINT "import_keys_job_id_line_pk" PRIMARY KEY("job_id","line")
);
--> statement-breakpoint
CREATE TABLE "import_rejects" (
	"job_id" uuid NOT NULL,
	"line" integer NOT NULL,
	"raw" jsonb NOT NULL,
	"message" text NOT NULL,
	CONSTRAINT "import_rejects_job_id_line_pk" PRIMARY KEY("job_id","line")
);
--> statement-breakpoint
CREATE TABLE "application_condition_checks" (
	"application_id" uuid PRIMARY KEY NOT NULL,
	"as_of" date NOT NULL,
	"ruleset_version" text NOT NULL,
	"rows" jsonb NOT NULL,
	"facts" jsonb NOT NULL,
	"findings" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"checked_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "institution_terminations" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"institution_id" uuid NOT NULL,
	"terminated_on" date NOT NULL,
	"category" text NOT NULL,
	"decision_no" text,
	"note" text,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "screening_findings" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"institution_id" uuid NOT NULL,
	"application_id" uuid,
	"kind" text NOT NULL,
	"found_on" date NOT NULL,
	"source" text NOT NULL,
	"note" text,
	"evidence_file_id" uuid,
	"evidence_file" text,
	"resolved_on" date,
	"recorded_by" uuid,
	"recorded_at" timestamp with time zone NOT NULL,
	"version" integer DEFAULT 1 NOT NULL
);
--> statement-breakpoint
ALTER TABLE "agreements" ALTER COLUMN "application_id" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "agreements" ALTER COLUMN "template_id" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "organizations" ADD COLUMN "active" boolean DEFAULT true NOT NULL;--> statement-breakpoint
ALTER TABLE "organizations" ADD COLUMN "version" integer DEFAULT 1 NOT NULL;--> statement-breakpoint
ALTER TABLE "organizations" ADD COLUMN "updated_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "users" ADD COLUMN "must_change_password" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "users" ADD COLUMN "password_changed_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "users" ADD COLUMN "version" integer DEFAULT 1 NOT NULL;--> statement-breakpoint
ALTER TABLE "users" ADD COLUMN "updated_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "institutions" ADD COLUMN "main_scope" text[];--> statement-breakpoint
ALTER TABLE "agreements" ADD COLUMN "source" text DEFAULT 'generated' NOT NULL;--> statement-breakpoint
ALTER TABLE "agreements" ADD COLUMN "payment_categories" text[];--> statement-breakpoint
ALTER TABLE "experts" ADD CONSTRAINT "experts_pool_org_id_organizations_id_fk" FOREIGN KEY ("pool_org_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "experts" ADD CONSTRAINT "experts_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "registration_files" ADD CONSTRAINT "registration_files_registration_id_registrations_id_fk" FOREIGN KEY ("registration_id") REFERENCES "public"."registrations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "registrations" ADD CONSTRAINT "registrations_region_code_regions_code_fk" FOREIGN KEY ("region_code") REFERENCES "public"."regions"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "registrations" ADD CONSTRAINT "registrations_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "registrations" ADD CONSTRAINT "registrations_agency_org_id_organizations_id_fk" FOREIGN KEY ("agency_org_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "registrations" ADD CONSTRAINT "registrations_institution_id_institutions_id_fk" FOREIGN KEY ("institution_id") REFERENCES "public"."institutions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "registrations" ADD CONSTRAINT "registrations_decided_by_users_id_fk" FOREIGN KEY ("decided_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "import_jobs" ADD CONSTRAINT "import_jobs_org_id_organizations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "import_jobs" ADD CONSTRAINT "import_jobs_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "import_rejects" ADD CONSTRAINT "import_rejects_job_id_import_jobs_id_fk" FOREIGN KEY ("job_id") REFERENCES "public"."import_jobs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "application_condition_checks" ADD CONSTRAINT "application_condition_checks_application_id_applications_id_fk" FOREIGN KEY ("application_id") REFERENCES "public"."applications"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "institution_terminations" ADD CONSTRAINT "institution_terminations_institution_id_institutions_id_fk" FOREIGN KEY ("institution_id") REFERENCES "public"."institutions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "screening_findings" ADD CONSTRAINT "screening_findings_institution_id_institutions_id_fk" FOREIGN KEY ("institution_id") REFERENCES "public"."institutions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "screening_findings" ADD CONSTRAINT "screening_findings_application_id_applications_id_fk" FOREIGN KEY ("application_id") REFERENCES "public"."applications"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "screening_findings" ADD CONSTRAINT "screening_findings_recorded_by_users_id_fk" FOREIGN KEY ("recorded_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "experts_pool_idx" ON "experts" USING btree ("pool_org_id","status");--> statement-breakpoint
CREATE UNIQUE INDEX "experts_user_uq" ON "experts" USING btree ("user_id");--> statement-breakpoint
CREATE UNIQUE INDEX "experts_pool_id_number_uq" ON "experts" USING btree ("pool_org_id","id_number");--> statement-breakpoint
CREATE INDEX "registration_challenges_expires_idx" ON "registration_challenges" USING btree ("expires_at");--> statement-breakpoint
CREATE UNIQUE INDEX "registration_files_kind_uq" ON "registration_files" USING btree ("registration_id","kind");--> statement-breakpoint
CREATE UNIQUE INDEX "registrations_open_uscc_uq" ON "registrations" USING btree ("uscc") WHERE status IN ('pending', 'returned');--> statement-breakpoint
CREATE UNIQUE INDEX "registrations_user_uq" ON "registrations" USING btree ("user_id");--> statement-breakpoint
CREATE INDEX "registrations_region_status_idx" ON "registrations" USING btree ("region_code","status");--> statement-breakpoint
CREATE INDEX "import_jobs_org_idx" ON "import_jobs" USING btree ("org_id","created_at");--> statement-breakpoint
CREATE INDEX "institution_terminations_inst_idx" ON "institution_terminations" USING btree ("institution_id");--> statement-breakpoint
CREATE INDEX "screening_findings_inst_idx" ON "screening_findings" USING btree ("institution_id");--> statement-breakpoint
CREATE INDEX "screening_findings_app_idx" ON "screening_findings" USING btree ("application_id");--> statement-breakpoint
CREATE UNIQUE INDEX "agreements_import_number_uq" ON "agreements" USING btree ("number") WHERE source = 'import';--> statement-breakpoint
CREATE INDEX "agreements_number_idx" ON "agreements" USING btree ("number");--> statement-breakpoint
ALTER TABLE "institution_persons" ADD CONSTRAINT "inst_persons_span_ck" CHECK ("institution_persons"."to_date" IS NULL OR "institution_persons"."to_date" >= "institution_persons"."from_date");