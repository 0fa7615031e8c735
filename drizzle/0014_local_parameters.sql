CREATE TABLE "local_parameters" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"region_code" text NOT NULL,
	"key" text NOT NULL,
	"value" numeric,
	"items" jsonb,
	"doc_no" text NOT NULL,
	"effective_from" date NOT NULL,
	"citation" text NOT NULL,
	"recorded_by" uuid,
	"recorded_at" timestamp with time zone NOT NULL,
	"version" integer DEFAULT 1 NOT NULL
);
--> statement-breakpoint
ALTER TABLE "local_parameters" ADD CONSTRAINT "local_parameters_recorded_by_users_id_fk" FOREIGN KEY ("recorded_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "local_parameters_region_key_from_idx" ON "local_parameters" USING btree ("region_code","key","effective_from");