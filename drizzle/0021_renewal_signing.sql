ALTER TABLE "agreements" ADD COLUMN "renews_agreement_id" uuid;--> statement-breakpoint
ALTER TABLE "agreements" ADD COLUMN "form" text DEFAULT 'standard' NOT NULL;--> statement-breakpoint
ALTER TABLE "agreements" ADD COLUMN "fixed_agreement_id" uuid;--> statement-breakpoint
ALTER TABLE "renewal_campaigns" ADD COLUMN "generation" jsonb;--> statement-breakpoint
ALTER TABLE "renewal_items" ADD COLUMN "fixed_annual" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "renewal_items" ADD COLUMN "renewal_agreement_id" uuid;--> statement-breakpoint
CREATE UNIQUE INDEX "agreements_renews_uq" ON "agreements" USING btree ("renews_agreement_id") WHERE renews_agreement_id is not null;