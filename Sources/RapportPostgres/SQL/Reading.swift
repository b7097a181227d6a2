/// What readers (and writers, before they write) ask of the journal: whether it is there, who is
/// connected, its lines.
extension JournalSchema {
  /// Whether the journal's table is installed here: `t` or `f`.
  static let isInstalled = "SELECT to_regclass('rapport_journal') IS NOT NULL"
  /// Whether the journal holds its first record: `t` or `f`.
  static let hasFirstRecord = "SELECT EXISTS (SELECT 1 FROM rapport_journal WHERE seq = 1)"
  /// Whether it holds any record: `t` or `f`.
  static let holdsRecords = "SELECT EXISTS (SELECT 1 FROM rapport_journal)"
  static let recordCount = "SELECT count(*) FROM rapport_journal"
  /// The role this session logs in as, which every record it writes must carry as its `login`.
  static let sessionUser = "SELECT session_user"
  /// Whether this session may insert (the trigger still checks every record): `t` or `f`.
  static let mayInsert = "SELECT has_table_privilege('rapport_journal', 'INSERT')"

  /// The lines after record `seq`, in order, for `copyOut` (binary, so nothing is escaped).
  static func copyLines(after seq: Int) -> String {
    "COPY (SELECT line FROM rapport_journal WHERE seq > \(seq) ORDER BY seq) TO STDOUT (FORMAT binary)"
  }

  /// The lines of records `seqs`, in order, for `copyOut`: a batch's members read again once its last
  /// line has arrived (the scan lets each piece go once scanned).
  static func copyLines(_ seqs: ClosedRange<Int>) -> String {
    "COPY (SELECT line FROM rapport_journal WHERE seq BETWEEN \(seqs.lowerBound) AND \(seqs.upperBound) ORDER BY seq)"
      + " TO STDOUT (FORMAT binary)"
  }

  /// Every record's seq and line in order, for `copyOut` (the chain check names records by seq).
  public static let copySeqsAndLines =
    "COPY (SELECT seq::text AS seq_text, line FROM rapport_journal ORDER BY seq) TO STDOUT (FORMAT binary)"

  /// The first record's line (the journal's id), by the primary key.
  static let firstLine = "SELECT line FROM rapport_journal WHERE seq = 1"
  /// The line ending at $1 in the equivalent file journal (a checkpoint's anchor), by its unique
  /// index; two rows at most: more than one is no anchor (a tampered table whose index was dropped).
  static let lineEndingAt = "SELECT line FROM rapport_journal WHERE end_offset = $1::bigint LIMIT 2"
  /// Where the last line ends in the equivalent file journal (what a file's size is).
  static let length = "SELECT end_offset FROM rapport_journal ORDER BY seq DESC LIMIT 1"
  /// The seq of the record after $1 whose event id is $2 (an append whose commit's reply was lost).
  static let eventAfter =
    "SELECT seq FROM rapport_journal WHERE seq > $1::bigint AND (line::json ->> 'id') = $2 LIMIT 1"
}
