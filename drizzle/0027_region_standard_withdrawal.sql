ALTER TABLE "region_standards" ADD COLUMN "withdrawn_on" date;--> statement-breakpoint
ALTER TABLE "region_standards" ADD COLUMN "withdrawn_reason" text;--> statement-breakpoint
ALTER TABLE "region_standards" ADD COLUMN "withdrawn_by" uuid;--> statement-breakpoint
ALTER TABLE "region_standards" ADD CONSTRAINT "region_standards_withdrawn_by_users_id_fk" FOREIGN KEY ("withdrawn_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;