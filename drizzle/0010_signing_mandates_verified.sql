ALTER TABLE "signing_mandates" ALTER COLUMN "file_name" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "signing_mandates" ALTER COLUMN "mime" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "signing_mandates" ALTER COLUMN "size" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "signing_mandates" ALTER COLUMN "content" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "agreements" ADD COLUMN "template_choice" jsonb;--> statement-breakpoint
ALTER TABLE "signing_mandates" ADD COLUMN "source" text DEFAULT 'paper' NOT NULL;--> statement-breakpoint
ALTER TABLE "signing_mandates" ADD COLUMN "status" text DEFAULT 'pending' NOT NULL;--> statement-breakpoint
ALTER TABLE "signing_mandates" ADD COLUMN "principal_person_id" uuid;--> statement-breakpoint
ALTER TABLE "signing_mandates" ADD COLUMN "agent_person_id" uuid;--> statement-breakpoint
ALTER TABLE "signing_mandates" ADD COLUMN "valid_from" date;--> statement-breakpoint
ALTER TABLE "signing_mandates" ADD COLUMN "valid_to" date;--> statement-breakpoint
ALTER TABLE "signing_mandates" ADD COLUMN "created_by" uuid;--> statement-breakpoint
ALTER TABLE "signing_mandates" ADD COLUMN "reviewed_by" uuid;--> statement-breakpoint
ALTER TABLE "signing_mandates" ADD COLUMN "reviewed_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "signing_mandates" ADD COLUMN "reject_reason" text;--> statement-breakpoint
ALTER TABLE "signing_mandates" ADD COLUMN "revoked_by" uuid;--> statement-breakpoint
ALTER TABLE "signing_mandates" ADD COLUMN "revoked_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "signing_mandates" ADD CONSTRAINT "signing_mandates_principal_person_id_persons_id_fk" FOREIGN KEY ("principal_person_id") REFERENCES "public"."persons"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "signing_mandates" ADD CONSTRAINT "signing_mandates_agent_person_id_persons_id_fk" FOREIGN KEY ("agent_person_id") REFERENCES "public"."persons"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "signing_mandates" ADD CONSTRAINT "signing_mandates_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "signing_mandates" ADD CONSTRAINT "signing_mandates_reviewed_by_users_id_fk" FOREIGN KEY ("reviewed_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "signing_mandates" ADD CONSTRAINT "signing_mandates_revoked_by_users_id_fk" FOREIGN KEY ("revoked_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;