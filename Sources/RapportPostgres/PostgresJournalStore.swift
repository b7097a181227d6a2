import RapportJournal

/// A journal in a PostgreSQL database, for `Journal(store:)`: the same lines a file journal holds,
/// read back through the file journal's own `JournalScanner`, so records and positions are identical.
///
/// Keeps one connection, opened on first use and again after it is lost. Not for two threads at once
/// (libpq's rule); each `Journal` user on another thread makes its own store.
public final class PostgresJournalStore: JournalStore, @unchecked Sendable {
  public let name: String
  private let connectionString: String
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
        guard try connection.execute("SELECT to_regclass('rapport_journal') IS NOT NULL").scalar == "t" else {
          return false
        }
        return try connection.execute("SELECT EXISTS (SELECT 1 FROM rapport_journal WHERE seq = 1)").scalar == "t"
      }
    }
  }

  /// The role this connection logs in as (`session_user`), which the trigger holds every record's
  /// `login` to; the OS login when the server cannot be reached (nothing can be written then anyway).
  public var login: String {
    if let knownLogin { return knownLogin }
    let found = try? failingAsJournalError { try connected().execute("SELECT session_user").scalar }
    knownLogin = found ?? nil
    return knownLogin ?? Journal.processLogin
  }
  private var knownLogin: String?

  /// Whether this login may insert (the server decides in the end, per record).
  public var isWritable: Bool {
    (try? failingAsJournalError {
      try connected().execute("SELECT has_table_privilege('rapport_journal', 'INSERT')").scalar == "t"
    }) ?? false
  }

  /// Streams the lines after `position` with a binary COPY into the bytes a file would hold from
  /// there (each line and its newline), and scans them as a file's.
  public func scan(from position: JournalPosition, _ body: (Record) throws -> Void) throws
    -> JournalScanner.Outcome
  {
    var bytes: [UInt8] = []
    try failingAsJournalError {
      var decoder = CopyBinaryDecoder()
      try connected().copyOut(
        "COPY (SELECT line FROM rapport_journal WHERE seq > \(position.lastSeq) ORDER BY seq) TO STDOUT (FORMAT binary)"
      ) { chunk in
        try decoder.feed(chunk) { fields in
          guard fields.count == 1, let line = fields[0] else { throw CopyFormatError.damaged }
          bytes.append(contentsOf: line)
          bytes.append(0x0A)
        }
      }
    }
    if position.offset == 0, bytes.isEmpty {
      throw JournalError.notAJournal(path: name, detail: "it holds no records")
    }
    return try bytes.withUnsafeBytes { try JournalScanner.scan($0, from: position, path: name, body) }
  }

  /// One transaction: the head locked (so writers serialise in the server), the drafts made against
  /// it, encoded as a file journal would, inserted in one statement, committed. A failure, a lost
  /// connection included, leaves nothing.
  public func append(
    by user: String, login: String?, at time: Timestamp, _ makeDrafts: (JournalPosition) throws -> [EventDraft]
  ) throws -> Journal.AppendOutcome {
    try failingAsJournalError {
      let connection = try connected()
      return try connection.transaction {
        let head = try connection.execute(JournalSchema.lockHead)
        guard let seq = head.value("seq").flatMap({ Int($0) }),
          let hash = head.value("hash").flatMap({ HashHex($0) }),
          let end = head.value("end_offset").flatMap({ UInt64($0) })
        else { throw JournalError.notAJournal(path: name, detail: "its head could not be read") }
        let tail = JournalPosition(offset: end, lastSeq: seq, chain: hash)
        let drafts = try makeDrafts(tail)
        guard !drafts.isEmpty else { return Journal.AppendOutcome(records: [], end: tail) }
        var bytes: [UInt8] = []
        var lines: [String] = []
        var previous = hash.bytes
        for (index, draft) in drafts.enumerated() {
          let batch = drafts.count > 1 ? (index: index + 1, size: drafts.count) : nil
          let line = RecordEncoder.line(
            for: draft, seq: seq + 1 + index, at: time, by: user, login: login, batch: batch, previous: previous)
          guard line.bytes.count <= Journal.maximumRecordBytes else {
            throw JournalError.recordTooLarge(bytes: line.bytes.count)
          }
          bytes.append(contentsOf: line.bytes)
          lines.append(String(decoding: line.bytes.dropLast(), as: UTF8.self))
          previous = line.hash
        }
        try connection.execute(
          JournalSchema.insertBatch, parameters: [String(seq + 1), lines.joined(separator: "\n")])
        // The records as a reader will see them, offsets included: the lines scanned as a file's.
        var records: [Record] = []
        let outcome = try bytes.withUnsafeBytes {
          try JournalScanner.scan($0, from: tail, path: name) { records.append($0) }
        }
        return Journal.AppendOutcome(records: records, end: outcome.position)
      }
    }
  }

  public func warnings() -> [String] { [] }

  /// Closes the connection (a later call opens a new one).
  public func close() {
    connection?.close()
    connection = nil
  }

  private func connected() throws(PostgresError) -> PostgresConnection {
    if let connection, connection.isOpen { return connection }
    let opened = try PostgresConnection(connectionString)
    connection = opened
    return opened
  }

  /// Runs `body`, turning the server's and libpq's failures into `JournalError.storeFailed` (which
  /// front ends report as journal I/O); a lost connection is dropped so the next call reconnects.
  private func failingAsJournalError<Result>(_ body: () throws -> Result) throws -> Result {
    do {
      return try body()
    } catch let error as PostgresError {
      if error.connectionLost { close() }
      if error.isRefusal { throw JournalError.storeRefused(path: name, message: error.description) }
      throw JournalError.storeFailed(path: name, message: error.description)
    } catch let error as CopyFormatError {
      throw JournalError.storeFailed(path: name, message: error.description)
    }
  }
}
