CREATE TABLE "experts" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"pool_org_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"name" text NOT NULL,
	"id_number" text,
	"specialties" text[] DEFAULT '{}' NOT NULL,
	"employer" text,
	"employer_uscc" text,
	"phone" text,
	"term_from" date NOT NULL,
	"term_to" date,
	"status" text DEFAULT 'active' NOT NULL,
	"status_reason" text,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "experts" ADD CONSTRAINT "experts_pool_org_id_organizations_id_fk" FOREIGN KEY ("pool_org_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "experts" ADD CONSTRAINT "experts_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "experts_pool_idx" ON "experts" USING btree ("pool_org_id","status");--> statement-breakpoint
CREATE UNIQUE INDEX "experts_user_uq" ON "experts" USING btree ("user_id");--> statement-breakpoint
CREATE UNIQUE INDEX "experts_pool_id_number_uq" ON "experts" USING btree ("pool_org_id","id_number");