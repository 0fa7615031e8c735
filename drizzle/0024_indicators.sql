CREATE TABLE "indicator_import_rejects" (
	"import_id" uuid NOT NULL,
	"line" integer NOT NULL,
	"raw" jsonb NOT NULL,
	"message" text NOT NULL,
	CONSTRAINT "indicator_import_rejects_import_id_line_pk" PRIMARY KEY("import_id","line")
);
--> statement-breakpoint
CREATE TABLE "indicator_imports" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"channel" text NOT NULL,
	"client_batch_id" text,
	"file_name" text,
	"mode" text NOT NULL,
	"status" text NOT NULL,
	"rows_total" integer NOT NULL,
	"rejected" integer DEFAULT 0 NOT NULL,
	"created" integer DEFAULT 0 NOT NULL,
	"updated" integer DEFAULT 0 NOT NULL,
	"unchanged" integer DEFAULT 0 NOT NULL,
	"message" text,
	"org_id" uuid NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "institution_indicators" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"institution_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"period" text NOT NULL,
	"value" jsonb NOT NULL,
	"source" text NOT NULL,
	"source_date" date NOT NULL,
	"import_id" uuid NOT NULL,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "indicator_import_rejects" ADD CONSTRAINT "indicator_import_rejects_import_id_indicator_imports_id_fk" FOREIGN KEY ("import_id") REFERENCES "public"."indicator_imports"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "indicator_imports" ADD CONSTRAINT "indicator_imports_org_id_organizations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "indicator_imports" ADD CONSTRAINT "indicator_imports_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "institution_indicators" ADD CONSTRAINT "institution_indicators_institution_id_institutions_id_fk" FOREIGN KEY ("institution_id") REFERENCES "public"."institutions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "institution_indicators" ADD CONSTRAINT "institution_indicators_import_id_indicator_imports_id_fk" FOREIGN KEY ("import_id") REFERENCES "public"."indicator_imports"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "indicator_imports_org_idx" ON "indicator_imports" USING btree ("org_id","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "indicator_imports_batch_uq" ON "indicator_imports" USING btree ("org_id","client_batch_id") WHERE "indicator_imports"."client_batch_id" IS NOT NULL;--> statement-breakpoint
CREATE UNIQUE INDEX "institution_indicators_key_uq" ON "institution_indicators" USING btree ("institution_id","kind","period");