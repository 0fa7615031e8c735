CREATE TABLE "agency_ratings" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"institution_id" uuid NOT NULL,
	"region_code" text NOT NULL,
	"channel" text NOT NULL,
	"score" integer NOT NULL,
	"state" text NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"data" jsonb NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "agency_ratings" ADD CONSTRAINT "agency_ratings_institution_id_institutions_id_fk" FOREIGN KEY ("institution_id") REFERENCES "public"."institutions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "agency_ratings" ADD CONSTRAINT "agency_ratings_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "agency_ratings_region_state_idx" ON "agency_ratings" USING btree ("region_code","state","created_at");--> statement-breakpoint
CREATE INDEX "agency_ratings_institution_idx" ON "agency_ratings" USING btree ("institution_id");