CREATE TABLE "renewal_applications" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"agreement_id" uuid NOT NULL,
	"institution_id" uuid NOT NULL,
	"region_code" text NOT NULL,
	"state" text NOT NULL,
	"due_on" date NOT NULL,
	"late" boolean NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"data" jsonb NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "renewal_applications" ADD CONSTRAINT "renewal_applications_agreement_id_agreements_id_fk" FOREIGN KEY ("agreement_id") REFERENCES "public"."agreements"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "renewal_applications" ADD CONSTRAINT "renewal_applications_institution_id_institutions_id_fk" FOREIGN KEY ("institution_id") REFERENCES "public"."institutions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "renewal_applications" ADD CONSTRAINT "renewal_applications_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "renewal_applications_open_uq" ON "renewal_applications" USING btree ("agreement_id") WHERE "renewal_applications"."state" = 'submitted';--> statement-breakpoint
CREATE INDEX "renewal_applications_region_state_idx" ON "renewal_applications" USING btree ("region_code","state");