CREATE TABLE "audit_checkpoints" (
	"n" integer PRIMARY KEY NOT NULL,
	"at" timestamp with time zone NOT NULL,
	"max_seq" bigint NOT NULL,
	"chains" bigint NOT NULL,
	"rows" bigint NOT NULL,
	"heads_digest" text NOT NULL,
	"prev_mac" text NOT NULL,
	"mac" text NOT NULL
);
--> statement-breakpoint
-- checkpoints are append-only like the log they seal (dd_audit_append_only from migration 0001)
CREATE TRIGGER audit_checkpoints_no_update BEFORE UPDATE OR DELETE ON audit_checkpoints FOR EACH ROW EXECUTE FUNCTION dd_audit_append_only();
--> statement-breakpoint
CREATE TRIGGER audit_checkpoints_no_truncate BEFORE TRUNCATE ON audit_checkpoints FOR EACH STATEMENT EXECUTE FUNCTION dd_audit_append_only();
