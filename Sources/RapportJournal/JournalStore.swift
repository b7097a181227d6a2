/// A home for a journal other than a file (a PostgreSQL database, say), provided by a module that
/// RapportJournal does not depend on. `Journal` dispatches to it; the file journal is `Journal`'s own
/// code, so its behaviour does not depend on this protocol.
///
/// A store holds the same lines a file journal would, in the same order, and reports positions as a
/// file holding them would (`offset` = the end of the line in the equivalent file), so records,
/// checkpoints' positions and hashes are the same wherever the journal lives.
public protocol JournalStore: AnyObject, Sendable {
  /// What messages call the journal (a connection string without its password).
  var name: String { get }
  /// A short name for a status line (a database's name and host).
  var label: String { get }
  /// Whether the journal has been created there.
  var exists: Bool { get throws }
  /// The login this process's records carry when written here (the database's session user), which
  /// the store holds them to.
  var login: String { get }
  /// Whether this process may append (as far as the store can tell without writing).
  var isWritable: Bool { get }
  /// Reads every record after `position`, as `Journal.scan` does for a file.
  func scan(from position: JournalPosition, _ body: (Record) throws -> Void) throws -> JournalScanner.Outcome
  /// Appends the drafts `makeDrafts` returns (given the end of the journal, under the store's own
  /// writers' lock), all or nothing, as `Journal.append` does for a file.
  func append(
    by user: String, login: String?, at time: Timestamp, _ makeDrafts: (JournalPosition) throws -> [EventDraft]
  ) throws -> Journal.AppendOutcome
  /// Conditions a user should hear about.
  func warnings() -> [String]
  /// The first record's line (seq 1, without its newline), nil when there is none; for the journal's
  /// id without reading the rest (a checkpoint's name and check).
  func firstLine() throws -> [UInt8]?
  /// The line (without its newline) of the record whose line ends at `offset` in the equivalent file
  /// journal, nil when no record ends there (a checkpoint's anchor).
  func line(endingAt offset: UInt64) throws -> [UInt8]?
  /// Where the last record's line ends in the equivalent file journal (0 when it holds none): what a
  /// file journal's size is.
  var length: UInt64 { get throws }
  /// A file descriptor that becomes readable when another process appends (a `LISTEN` connection's
  /// socket, say), for the caller to wait on beside its own input; nil when the store cannot wake
  /// anyone, or not now (then the caller reads on a timer, as for a file). The store opens what it
  /// needs on the first call; the descriptor may change between calls (after a reconnection), so
  /// callers ask before every wait.
  func changeDescriptor() -> Int32?
  /// Drains what made the descriptor readable; returns whether the caller should read the journal:
  /// others appended, or some may have gone unannounced (the wake-up was just opened, or lost), or
  /// the store's own safety interval passed. While the descriptor is there, a follower reads only
  /// then; without it, on its timer.
  func consumeChanges() -> Bool
}

extension JournalStore {
  public var label: String { name }

  /// A store that cannot wake anyone: its readers poll.
  public func changeDescriptor() -> Int32? { nil }
  public func consumeChanges() -> Bool { false }
}
