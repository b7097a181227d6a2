import RapportJournal

/// A journal in a PostgreSQL database, for `Journal(store:)`: the same lines a file journal holds,
/// read back through the file journal's own `JournalScanner`, so records and positions are identical.
///
/// Keeps one connection, opened on first use and again after it is lost. Not for two threads at once
/// (libpq's rule); each `Journal` user on another thread makes its own store.
public final class PostgresJournalStore: JournalStore, @unchecked Sendable {
  public let name: String
  public var label: String { ConnectionString.label(connectionString) ?? name }
  let connectionString: String
  private var connection: PostgresConnection?
  /// The separate `LISTEN` connection that wakes a follower (PostgresJournalStore+Listen.swift).
  lazy var listener = Listener(connectionString: connectionString)

  /// A store for the journal the libpq connection string names (nothing is connected until used).
  public init(connectionString: String) {
    self.connectionString = connectionString
    name = ConnectionString.redacted(connectionString)
  }

  /// Whether the journal's table is installed and holds its first record.
  public var exists: Bool {
    get throws {
      try failingAsJournalError {
        let connection = try connected()
        guard try connection.execute(JournalSchema.isInstalled).scalar == "t" else {
          return false
        }
        return try connection.execute(JournalSchema.hasFirstRecord).scalar == "t"
      }
    }
  }

  /// The role this connection logs in as (`session_user`), which the trigger holds every record's
  /// `login` to; the OS login when the server cannot be reached (nothing can be written then anyway).
  public var login: String {
    if let knownLogin { return knownLogin }
    let found = try? failingAsJournalError { try connected().execute(JournalSchema.sessionUser).scalar }
    knownLogin = found ?? nil
    return knownLogin ?? Journal.processLogin
  }
  private var knownLogin: String?

  /// Whether this login may insert (the server decides in the end, per record).
  public var isWritable: Bool {
    (try? failingAsJournalError {
      try connected().execute(JournalSchema.mayInsert).scalar == "t"
    }) ?? false
  }

  /// Streams the lines after `position` with a binary COPY and scans them as a file's bytes (each
  /// line and its newline), a piece at a time: one piece is scanned here while the next arrives.
  public func scan(from position: JournalPosition, _ body: (Record) throws -> Void) throws
    -> JournalScanner.Outcome
  {
    let batches = BatchLines(store: self)
    defer { batches.close() }
    var scanner = JournalPieceScanner(path: name, from: position, reader: batches.read)
    try readingAsMember {
      try LinePieces.run(
        JournalSchema.copyLines(after: position.lastSeq),
        on: try connected()
      ) { piece in try scanner.take(lines: piece, body) }
    }
    return try scanner.finish(body)
  }

  /// One transaction: the head locked (so writers serialise in the server), the drafts made against
  /// it, encoded as a file journal would, inserted in one statement, committed. A failure, a lost
  /// connection included, leaves nothing half-written.
  ///
  /// A connection lost mid-append is retried once, on a new connection, and the retry is idempotent
  /// by event id: under the head's lock it first looks for the first draft's id among the records
  /// after the head the lost attempt locked (a COMMIT whose reply was lost may have been saved) and,
  /// when found, reports those records as this append's; otherwise it writes the same drafts (the same
  /// ids) again, made anew only when another writer appended in between. When the server cannot be
  /// reached again, the error says whether the write is known not saved or may have been.
  public func append(
    by user: String, login: String?, at time: Timestamp, _ makeDrafts: (JournalPosition) throws -> [EventDraft]
  ) throws -> Journal.AppendOutcome {
    // The server holds every record's login to the session's user, whatever the caller passed (a
    // desk passes the process's OS login): the records carry the role this store connects as.
    let login = self.login
    var earlier: Attempt? = nil
    var lost: LostAppend? = nil
    for retrying in [false, true] {
      do {
        return try attempt(by: user, login: login, at: time, retrying: retrying, after: earlier, makeDrafts)
      } catch let interrupted as AppendInterrupted {
        close()
        // A COMMIT that may have been saved stays in doubt until an attempt has committed after it.
        let inDoubt = interrupted.duringCommit || (lost?.mayHaveSaved ?? false)
        if let made = interrupted.made, interrupted.duringCommit || !inDoubt { earlier = made }
        lost = LostAppend(
          journal: name, cause: interrupted.error.message, mayHaveSaved: inDoubt,
          firstRecord: earlier?.outcome.records.first)
      }
    }
    throw JournalError.storeFailed(path: name, message: lost?.description ?? "the connection was lost")
  }

  /// What an attempt was about to commit, for the next attempt to look for: the head it locked, its
  /// drafts and the records they made.
  private struct Attempt {
    var tail: JournalPosition
    var drafts: [EventDraft]
    var outcome: Journal.AppendOutcome
  }

  /// An attempt cut short by a lost connection: `duringCommit` when COMMIT had been sent (so the
  /// write may have been saved); `made` what it had inserted, if it got that far.
  private struct AppendInterrupted: Error {
    var error: PostgresError
    var duringCommit: Bool
    var made: Attempt?
  }

  /// Where an attempt stands once the drafts are made: nothing to write (or the earlier attempt's
  /// records found saved), or records to insert.
  private enum Prepared {
    case finished(Journal.AppendOutcome)
    case ready(Attempt, lines: String)
  }

  /// One transaction of `append`: BEGIN, `prepare`, INSERT, COMMIT. A lost connection is thrown as
  /// `AppendInterrupted`; every other failure rolls back and is thrown as a `JournalError`.
  private func attempt(
    by user: String, login: String?, at time: Timestamp, retrying: Bool, after earlier: Attempt?,
    _ makeDrafts: (JournalPosition) throws -> [EventDraft]
  ) throws -> Journal.AppendOutcome {
    let connection = try begin(retrying: retrying)
    switch try prepare(on: connection, after: earlier, by: user, login: login, at: time, makeDrafts) {
    case .finished(let outcome):
      try interruptible(on: connection, made: nil) { _ = try connection.execute("ROLLBACK") }
      return outcome
    case .ready(let made, let lines):
      try interruptible(on: connection, made: made) {
        try connection.execute(JournalSchema.insertBatch, parameters: [String(made.tail.lastSeq + 1), lines])
        try PostgresFaultInjection.beforeCommit(on: connection)
      }
      try commit(on: connection, made: made)
      return made.outcome
    }
  }

  /// A connection for an attempt, in a transaction. A connection found lost at BEGIN (the server
  /// dropped it while idle) is an interrupted attempt, retried.
  private func begin(retrying: Bool) throws -> PostgresConnection {
    let connection = try open(retrying: retrying)
    do {
      try connection.execute("BEGIN")
      return connection
    } catch  where error.connectionLost {
      throw AppendInterrupted(error: error, duringCommit: false, made: nil)
    } catch {
      throw journalError(error)
    }
  }

  /// The connection, made again for a retry; failing to connect is plain failure the first time (the
  /// server out of reach), an interrupted append on a retry.
  private func open(retrying: Bool) throws -> PostgresConnection {
    do {
      return try PostgresFaultInjection.reconnecting(retrying, to: name) { () throws(PostgresError) in try connected() }
    } catch  where retrying {
      throw AppendInterrupted(error: error, duringCommit: false, made: nil)
    } catch {
      throw journalError(error)
    }
  }

  /// Under the head's lock: the earlier attempt's records when they were saved after all; else the
  /// drafts to insert, the same (the same ids) when nothing was appended since, made anew against the
  /// new head otherwise (they must be valid after the other writers' records).
  private func prepare(
    on connection: PostgresConnection, after earlier: Attempt?, by user: String, login: String?, at time: Timestamp,
    _ makeDrafts: (JournalPosition) throws -> [EventDraft]
  ) throws -> Prepared {
    try interruptible(on: connection, made: nil) {
      let tail = try lockedHead(on: connection)
      if let earlier, tail.lastSeq > earlier.tail.lastSeq, try isSaved(earlier, on: connection) {
        return .finished(earlier.outcome)
      }
      let drafts = try earlier.flatMap { $0.tail == tail ? $0.drafts : nil } ?? makeDrafts(tail)
      guard !drafts.isEmpty else { return .finished(Journal.AppendOutcome(records: [], end: tail)) }
      let encoded = try encode(drafts, after: tail, at: time, by: user, login: login)
      return .ready(Attempt(tail: tail, drafts: drafts, outcome: encoded.outcome), lines: encoded.lines)
    }
  }

  /// Runs `body` in the attempt's transaction before COMMIT: a lost connection (nothing committed) is
  /// thrown as `AppendInterrupted`; any other failure rolls back.
  private func interruptible<Result>(
    on connection: PostgresConnection, made: Attempt?, _ body: () throws -> Result
  ) throws -> Result {
    do {
      return try body()
    } catch let error as PostgresError where error.connectionLost {
      throw AppendInterrupted(error: error, duringCommit: false, made: made)
    } catch {
      if connection.isOpen { _ = try? connection.execute("ROLLBACK") }
      if let error = error as? PostgresError { throw journalError(error) }
      throw error
    }
  }

  /// COMMIT: a connection lost now leaves the write in doubt (saved, or not).
  private func commit(on connection: PostgresConnection, made: Attempt) throws {
    do {
      try connection.execute("COMMIT")
      try PostgresFaultInjection.afterCommit(on: connection)
    } catch  where error.connectionLost {
      throw AppendInterrupted(error: error, duringCommit: true, made: made)
    } catch {
      throw journalError(error)
    }
  }

  /// Locks the journal's head until the transaction ends and returns where the journal ends.
  private func lockedHead(on connection: PostgresConnection) throws -> JournalPosition {
    let head = try lockHeadAsWriter(on: connection)
    guard let seq = head.value("seq").flatMap({ Int($0) }),
      let hash = head.value("hash").flatMap({ HashHex($0) }),
      let end = head.value("end_offset").flatMap({ UInt64($0) })
    else { throw JournalError.notAJournal(path: name, detail: "its head could not be read") }
    return JournalPosition(offset: end, lastSeq: seq, chain: hash)
  }

  /// Runs the head's lock, which only writers may: a viewer's (or a stranger's) write stops here, in
  /// the server, said in words.
  private func lockHeadAsWriter(on connection: PostgresConnection) throws -> PostgresResult {
    do {
      return try connection.execute(JournalSchema.lockHead)
    } catch {
      guard error.sqlState == PostgresError.insufficientPrivilege else { throw error }
      let reason = error.description
      throw JournalError.storeRefused(
        path: name, message: "\(login) may not write to this journal (a viewer, or no member's login): \(reason)")
    }
  }

  /// Whether the earlier attempt's records were committed: its first record's id among the records
  /// after the head it locked (a few at most, found by the primary key).
  private func isSaved(_ earlier: Attempt, on connection: PostgresConnection) throws -> Bool {
    guard let id = earlier.drafts.first?.id else { return false }
    let found = try connection.execute(
      JournalSchema.eventAfter,
      parameters: [String(earlier.tail.lastSeq), id])
    return !found.rows.isEmpty
  }

  /// The drafts as the lines a file journal would hold after `tail` (joined by newlines, for the
  /// batch insert), and the records as a reader will see them, offsets included.
  private func encode(
    _ drafts: [EventDraft], after tail: JournalPosition, at time: Timestamp, by user: String, login: String?
  ) throws -> (lines: String, outcome: Journal.AppendOutcome) {
    var bytes: [UInt8] = []
    var lines: [String] = []
    var previous = tail.chain.bytes
    for (index, draft) in drafts.enumerated() {
      let batch = drafts.count > 1 ? (index: index + 1, size: drafts.count) : nil
      let line = RecordEncoder.line(
        for: draft, seq: tail.lastSeq + 1 + index, at: time, by: user, login: login, batch: batch, previous: previous)
      guard line.bytes.count <= Journal.maximumRecordBytes else {
        throw JournalError.recordTooLarge(bytes: line.bytes.count)
      }
      bytes.append(contentsOf: line.bytes)
      lines.append(String(decoding: line.bytes.dropLast(), as: UTF8.self))
      previous = line.hash
    }
    var records: [Record] = []
    let scanned = try bytes.withUnsafeBytes {
      try JournalScanner.scan($0, from: tail, path: name) { records.append($0) }
    }
    return (lines.joined(separator: "\n"), Journal.AppendOutcome(records: records, end: scanned.position))
  }

  public func warnings() -> [String] { [] }

  /// Runs a read: a missing privilege says who may not read and how they become a member.
  private func readingAsMember(_ body: () throws -> Void) throws {
    do {
      try failingAsJournalError(body)
    } catch JournalError.storeRefused(let path, let message) {
      throw JournalError.storeRefused(
        path: path,
        message: "\(login) may not read this journal: \(message); an admin adds a member's login with"
          + " `rapport member add NAME --login \(login) --role viewer|member`")
    }
  }

  /// Closes the connection (a later call opens a new one).
  public func close() {
    connection?.close()
    connection = nil
  }

  func connected() throws(PostgresError) -> PostgresConnection {
    if let connection, connection.isOpen { return connection }
    let opened = try PostgresConnection(connectionString)
    connection = opened
    return opened
  }

  /// The server's or libpq's failure as a `JournalError`: a refusal (exit 65) or a failure (exit 74);
  /// a lost connection is dropped so the next call reconnects.
  func journalError(_ error: PostgresError) -> JournalError {
    if error.connectionLost { close() }
    if error.isRefusal { return JournalError.storeRefused(path: name, message: error.description) }
    return JournalError.storeFailed(path: name, message: error.description)
  }

  /// Runs `body`, turning the server's and libpq's failures into `JournalError.storeFailed` (which
  /// front ends report as journal I/O); a lost connection is dropped so the next call reconnects.
  func failingAsJournalError<Result>(_ body: () throws -> Result) throws -> Result {
    do {
      return try body()
    } catch let error as PostgresError {
      throw journalError(error)
    } catch let error as CopyFormatError {
      throw JournalError.storeFailed(path: name, message: error.description)
    }
  }
}
