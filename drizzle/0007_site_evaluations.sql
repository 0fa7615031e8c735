CREATE TABLE "site_evaluations" (
	"application_id" uuid NOT NULL,
	"site_id" uuid NOT NULL,
	"pass" boolean NOT NULL,
	"note" text,
	"evaluated_on" date NOT NULL,
	"evaluated_by" uuid NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "site_evaluations_application_id_site_id_pk" PRIMARY KEY("application_id","site_id")
);
--> statement-breakpoint
ALTER TABLE "site_evaluations" ADD CONSTRAINT "site_evaluations_application_id_applications_id_fk" FOREIGN KEY ("application_id") REFERENCES "public"."applications"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "site_evaluations" ADD CONSTRAINT "site_evaluations_evaluated_by_users_id_fk" FOREIGN KEY ("evaluated_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;