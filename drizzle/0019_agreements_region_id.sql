DROP INDEX "agreements_region_idx";--> statement-breakpoint
CREATE INDEX "agreements_region_id_idx" ON "agreements" USING btree ("region_code","id");