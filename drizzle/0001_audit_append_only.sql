-- The audit trail is append-only: no UPDATE, no DELETE, no TRUNCATE, whoever asks.
-- (A superuser can still disable the trigger; the hash chain is what detects that.)
CREATE OR REPLACE FUNCTION dd_audit_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION '审计日志只能追加，不能修改或删除 (audit_log is append-only)';
END;
$$;
--> statement-breakpoint
CREATE TRIGGER audit_log_no_update BEFORE UPDATE OR DELETE ON audit_log FOR EACH ROW EXECUTE FUNCTION dd_audit_append_only();
--> statement-breakpoint
CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log FOR EACH STATEMENT EXECUTE FUNCTION dd_audit_append_only();
