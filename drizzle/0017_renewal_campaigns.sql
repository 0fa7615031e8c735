CREATE TABLE "renewal_campaigns" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"agency_org_id" uuid NOT NULL,
	"region_code" text NOT NULL,
	"prefix" text NOT NULL,
	"profile_id" text NOT NULL,
	"year" integer NOT NULL,
	"title" text NOT NULL,
	"window_from" date NOT NULL,
	"window_to" date NOT NULL,
	"decide_by" date NOT NULL,
	"state" text NOT NULL,
	"params" jsonb NOT NULL,
	"counts" jsonb NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone NOT NULL,
	"closed_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "renewal_items" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"campaign_id" uuid NOT NULL,
	"agreement_id" uuid NOT NULL,
	"institution_id" uuid NOT NULL,
	"region_code" text NOT NULL,
	"term_to" date NOT NULL,
	"state" text NOT NULL,
	"proposed" text NOT NULL,
	"decided" text,
	"overridden" boolean DEFAULT false NOT NULL,
	"reasons" jsonb NOT NULL,
	"data" jsonb NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"decided_by" uuid,
	"decided_on" date,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "renewal_campaigns" ADD CONSTRAINT "renewal_campaigns_agency_org_id_organizations_id_fk" FOREIGN KEY ("agency_org_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "renewal_campaigns" ADD CONSTRAINT "renewal_campaigns_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "renewal_items" ADD CONSTRAINT "renewal_items_campaign_id_renewal_campaigns_id_fk" FOREIGN KEY ("campaign_id") REFERENCES "public"."renewal_campaigns"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "renewal_items" ADD CONSTRAINT "renewal_items_agreement_id_agreements_id_fk" FOREIGN KEY ("agreement_id") REFERENCES "public"."agreements"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "renewal_items" ADD CONSTRAINT "renewal_items_institution_id_institutions_id_fk" FOREIGN KEY ("institution_id") REFERENCES "public"."institutions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "renewal_items" ADD CONSTRAINT "renewal_items_decided_by_users_id_fk" FOREIGN KEY ("decided_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "renewal_campaigns_prefix_idx" ON "renewal_campaigns" USING btree ("prefix","year");--> statement-breakpoint
CREATE UNIQUE INDEX "renewal_items_campaign_agreement_uq" ON "renewal_items" USING btree ("campaign_id","agreement_id");--> statement-breakpoint
CREATE INDEX "renewal_items_campaign_idx" ON "renewal_items" USING btree ("campaign_id","proposed","region_code");--> statement-breakpoint
CREATE INDEX "renewal_items_open_agreement_idx" ON "renewal_items" USING btree ("agreement_id") WHERE state = 'proposed';--> statement-breakpoint
-- decision 0039: an imported agreement 履行中 (signed) at a 定点 institution lives from its term's first
-- day; imports made before this release get the same life the import now gives (void ones, and those of
-- institutions imported as 协议中止 / 协议解除, keep none)
UPDATE "agreements" AS a SET "life_state" = 'in_force',
  "life" = '{"suspension":null,"suspensionsInTerm":0,"request":null,"proposal":null,"noRenewalGrounds":[],"terminated":null,"ended":null}'::jsonb,
  "life_since" = a."term_from"
FROM "institutions" AS i
WHERE a."source" = 'import' AND a."status" = 'signed' AND a."life_state" IS NULL AND i."id" = a."institution_id" AND i."status" = 'designated';
