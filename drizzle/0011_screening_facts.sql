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
ALTER TABLE "institutions" ADD COLUMN "main_scope" text[];--> statement-breakpoint
ALTER TABLE "institution_terminations" ADD CONSTRAINT "institution_terminations_institution_id_institutions_id_fk" FOREIGN KEY ("institution_id") REFERENCES "public"."institutions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "screening_findings" ADD CONSTRAINT "screening_findings_institution_id_institutions_id_fk" FOREIGN KEY ("institution_id") REFERENCES "public"."institutions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "screening_findings" ADD CONSTRAINT "screening_findings_application_id_applications_id_fk" FOREIGN KEY ("application_id") REFERENCES "public"."applications"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "screening_findings" ADD CONSTRAINT "screening_findings_recorded_by_users_id_fk" FOREIGN KEY ("recorded_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "institution_terminations_inst_idx" ON "institution_terminations" USING btree ("institution_id");--> statement-breakpoint
CREATE INDEX "screening_findings_inst_idx" ON "screening_findings" USING btree ("institution_id");--> statement-breakpoint
CREATE INDEX "screening_findings_app_idx" ON "screening_findings" USING btree ("application_id");--> statement-breakpoint
ALTER TABLE "institution_persons" ADD CONSTRAINT "inst_persons_span_ck" CHECK ("institution_persons"."to_date" IS NULL OR "institution_persons"."to_date" >= "institution_persons"."from_date");