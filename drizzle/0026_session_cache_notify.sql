-- Decision 0049: the app caches the session lookup (session + user + organisation + institution kind) per
-- process. Every write that could change what a session lookup answers announces itself on channel
-- dd_session_cache, so that every app node drops its cache when the writer commits — whoever the writer is
-- (a use case, another node, an import, psql). Statement-level: one notification per statement; the
-- payload is the table's name, for diagnosis only (a node drops its whole cache).
CREATE FUNCTION dd_session_cache_notify() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_notify('dd_session_cache', TG_TABLE_NAME);
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER sessions_cache_notify AFTER UPDATE OR DELETE OR TRUNCATE ON sessions FOR EACH STATEMENT EXECUTE FUNCTION dd_session_cache_notify();
--> statement-breakpoint
CREATE TRIGGER users_cache_notify AFTER UPDATE OR DELETE OR TRUNCATE ON users FOR EACH STATEMENT EXECUTE FUNCTION dd_session_cache_notify();
--> statement-breakpoint
CREATE TRIGGER organizations_cache_notify AFTER UPDATE OR DELETE OR TRUNCATE ON organizations FOR EACH STATEMENT EXECUTE FUNCTION dd_session_cache_notify();
--> statement-breakpoint
-- an institution's row changes on every agreement step (its registry status): only a change of its kind, which a
-- session carries (institutionKind), is announced
CREATE TRIGGER institutions_kind_cache_notify AFTER UPDATE OF kind ON institutions FOR EACH ROW WHEN (OLD.kind IS DISTINCT FROM NEW.kind) EXECUTE FUNCTION dd_session_cache_notify();
--> statement-breakpoint
CREATE TRIGGER institutions_cache_notify AFTER DELETE OR TRUNCATE ON institutions FOR EACH STATEMENT EXECUTE FUNCTION dd_session_cache_notify();
