/// What a writer runs to append: lock the head, read where the journal ends, insert the lines.
extension JournalSchema {
  /// Locks the journal's head until the transaction ends and returns its last record's seq, hash and
  /// end offset (0, 64 zeros and 0 for an empty journal). SECURITY DEFINER: writers may lock the
  /// head only through it; readers may not call it.
  ///
  /// Under READ COMMITTED (the default) the read after the lock sees every append committed before.
  static let lockFunction = #"""
    CREATE OR REPLACE FUNCTION rapport_journal_lock(OUT seq bigint, OUT hash text, OUT end_offset bigint)
    LANGUAGE plpgsql SECURITY DEFINER SET search_path FROM CURRENT AS $$
    BEGIN
      PERFORM 1 FROM rapport_journal_head FOR UPDATE;
      SELECT j.seq, j.hash, j.end_offset INTO seq, hash, end_offset
        FROM rapport_journal j ORDER BY j.seq DESC LIMIT 1;
      IF NOT FOUND THEN
        seq := 0;
        hash := repeat('0', 64);
        end_offset := 0;
      END IF;
    END
    $$;
    """#

  /// The head, locked (run inside the append's transaction).
  public static let lockHead = "SELECT seq, hash, end_offset FROM rapport_journal_lock()"

  /// Inserts one record: $1 its seq, $2 its line without the newline. The trigger fills in the rest.
  public static let insertRecord = "INSERT INTO rapport_journal (seq, line) VALUES ($1::bigint, $2)"

  /// Inserts a batch in one statement, so that its commit is announced once: $1 the first record's
  /// seq, $2 the lines joined by newlines (a line never holds one; the trigger refuses any that does).
  public static let insertBatch = #"""
    INSERT INTO rapport_journal (seq, line)
    SELECT $1::bigint + n - 1, l FROM unnest(string_to_array($2, E'\n')) WITH ORDINALITY AS t(l, n) ORDER BY n
    """#

  /// Makes this transaction the journal's owner copying a journal in: the lines keep the logins they
  /// were written from (see `rapport_journal_copying`).
  public static let copyingIn = "SET LOCAL rapport.copy_in = 'on'"
}
