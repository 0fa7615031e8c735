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
ALTER TABLE "application_condition_checks" ADD CONSTRAINT "application_condition_checks_application_id_applications_id_fk" FOREIGN KEY ("application_id") REFERENCES "public"."applications"("id") ON DELETE no action ON UPDATE no action;