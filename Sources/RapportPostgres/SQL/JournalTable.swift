/// The journal's table, its indexes and the head row writers lock.
extension JournalSchema {
  /// One row per record. `line` is the record's line exactly as a file journal holds it, without its
  /// newline; every other column except `seq` and `recorded_at` is derived from it by the insert
  /// trigger, so a column can never disagree with the line. `end_offset` is where the line (with its
  /// newline) would end in the equivalent file journal, so positions match a file journal's.
  static let journalTable = #"""
    CREATE TABLE IF NOT EXISTS rapport_journal (
      seq bigint PRIMARY KEY CHECK (seq >= 1),
      line text NOT NULL,
      hash text NOT NULL,
      type text NOT NULL,
      account text,
      business_date date,
      login text NOT NULL,
      end_offset bigint NOT NULL,
      recorded_at timestamptz NOT NULL DEFAULT now()
    );
    CREATE INDEX IF NOT EXISTS rapport_journal_type ON rapport_journal (type);
    CREATE INDEX IF NOT EXISTS rapport_journal_account ON rapport_journal (account) WHERE account IS NOT NULL;
    CREATE INDEX IF NOT EXISTS rapport_journal_business_date ON rapport_journal (business_date);
    -- A checkpoint finds the line it was folded to by where it ends; each line ends further on.
    CREATE UNIQUE INDEX IF NOT EXISTS rapport_journal_end_offset ON rapport_journal (end_offset);

    -- One row, never changed: writers lock it (FOR UPDATE) for the length of their transaction, so
    -- appends serialise in the server, and readers, who cannot lock it, never hold them up.
    CREATE TABLE IF NOT EXISTS rapport_journal_head (
      id boolean PRIMARY KEY DEFAULT true CHECK (id)
    );
    INSERT INTO rapport_journal_head DEFAULT VALUES ON CONFLICT DO NOTHING;
    """#
}
