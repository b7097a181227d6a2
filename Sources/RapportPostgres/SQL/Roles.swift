/// The two roles members' logins are granted, and exactly the privileges each needs.
///
/// Roles belong to the whole server, not to one database: several journals on one server share them,
/// and each journal's trigger still checks every write against its own members.
extension JournalSchema {
  static let roles = #"""
    DO $$
    BEGIN
      IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'rapport_writer') THEN
        CREATE ROLE rapport_writer NOLOGIN;
      END IF;
      IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'rapport_reader') THEN
        CREATE ROLE rapport_reader NOLOGIN;
      END IF;
      EXECUTE format('GRANT USAGE ON SCHEMA %I TO rapport_reader, rapport_writer', current_schema());
    END
    $$;
    REVOKE ALL ON rapport_journal, rapport_journal_head FROM PUBLIC;
    GRANT SELECT ON rapport_journal TO rapport_reader;
    -- Writers insert seq and line only; the trigger derives the other columns.
    GRANT SELECT, INSERT (seq, line) ON rapport_journal TO rapport_writer;
    REVOKE ALL ON FUNCTION rapport_journal_lock(), rapport_journal_check(), rapport_journal_refusal(text, text, text),
      rapport_journal_copying(), rapport_journal_grant_member(), rapport_journal_refuse_change(),
      rapport_journal_notify() FROM PUBLIC;
    GRANT EXECUTE ON FUNCTION rapport_journal_lock() TO rapport_writer;
    GRANT EXECUTE ON FUNCTION rapport_journal_refusal(text, text, text) TO rapport_reader, rapport_writer;
    """#
}
