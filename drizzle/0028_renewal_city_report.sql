ALTER TABLE "renewal_campaigns" ADD COLUMN "reported_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "renewal_campaigns" ADD COLUMN "reported_by" uuid;--> statement-breakpoint
ALTER TABLE "renewal_campaigns" ADD CONSTRAINT "renewal_campaigns_reported_by_users_id_fk" FOREIGN KEY ("reported_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;