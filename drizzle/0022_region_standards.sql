CREATE TABLE "region_standards" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"region_code" text NOT NULL,
	"kind" text NOT NULL,
	"title" text NOT NULL,
	"doc_no" text NOT NULL,
	"effective_from" date NOT NULL,
	"items" jsonb NOT NULL,
	"process" text NOT NULL,
	"recorded_by" uuid,
	"recorded_at" timestamp with time zone NOT NULL,
	"version" integer DEFAULT 1 NOT NULL
);
--> statement-breakpoint
ALTER TABLE "region_standards" ADD CONSTRAINT "region_standards_recorded_by_users_id_fk" FOREIGN KEY ("recorded_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "region_standards_region_kind_from_idx" ON "region_standards" USING btree ("region_code","kind","effective_from");