DROP INDEX "renewal_items_open_agreement_idx";--> statement-breakpoint
CREATE INDEX "renewal_items_agreement_idx" ON "renewal_items" USING btree ("agreement_id");