import Glibc
import RapportJournal

/// `rapport journal copy`: a journal copied whole, line for line, from a file or a database into a
/// new file or an empty database, so that a copy back gives the same bytes.
///
/// The source is read once, streamed (never held whole), through `JournalStreamScanner`: a journal
/// with a problem is refused at its first, so a copy is always a sound journal. The target is written
/// all or nothing: a new file appears only once written, flushed and verified; a database's records
/// are inserted in one transaction, read back and verified before it commits.
public enum JournalCopy {
  /// A journal file, or a database named by a libpq connection string.
  public enum Place: Sendable, Equatable, CustomStringConvertible {
    case file(String)
    case database(String)

    /// The path, or the connection string with its password hidden.
    public var description: String {
      switch self {
      case .file(let path): path
      case .database(let connectionString): ConnectionString.redacted(connectionString)
      }
    }
  }

  /// What was copied, as the copy's own verification found it.
  public struct Outcome: Sendable, Equatable {
    public var records: Int
    public var lastSeq: Int
    public var headHash: String
    /// The bytes the journal takes as a file.
    public var bytes: UInt64
  }

  /// Lines per INSERT into a database: a few thousand, so that a million lines take a few hundred
  /// statements, each of a few megabytes.
  static let linesPerStatement = 4000

  /// Copies the journal at `source` to `target`, which must not exist (a file) or hold no records (a
  /// database, whose schema is installed when missing). `group`, for a file target, makes it 0660.
  @discardableResult
  public static func run(from source: Place, to target: Place, group: String? = nil) throws -> Outcome {
    switch target {
    case .file(let path): return try copy(from: source, toFile: path, group: group)
    case .database(let connectionString): return try copy(from: source, toDatabase: connectionString)
    }
  }

  // MARK: Reading the source

  /// Streams the source's sound lines to `emit` (complete lines, each with its newline) and returns
  /// the scanner at its end: records, last seq, head. Throws at the source's first problem.
  static func stream(_ source: Place, _ emit: (ArraySlice<UInt8>) throws -> Void) throws -> JournalStreamScanner {
    var scanner = JournalStreamScanner(path: source.description)
    switch source {
    case .file(let path):
      try Journal(path: path).readPieces { piece in try scanner.feed(piece, emit: emit) }
    case .database(let connectionString):
      let name = source.description
      let connection = try failing(at: name) { try PostgresConnection(connectionString) }
      defer { connection.close() }
      try requireJournal(on: connection, name: name)
      try streamLines(on: connection, name: name) { line in try scanner.feed(line: line, emit: emit) }
    }
    try scanner.finish(emit: emit)
    return scanner
  }

  /// Every line of the journal on `connection`, in seq order, without its newline, through a binary
  /// COPY (nothing escaped, nothing held).
  static func streamLines(
    on connection: PostgresConnection, name: String, _ body: (ArraySlice<UInt8>) throws -> Void
  ) throws {
    var decoder = CopyBinaryDecoder()
    try failing(at: name) {
      try connection.copyOut(JournalSchema.copyLines(after: 0)) { chunk in
        try decoder.feed(chunk) { fields in
          guard fields.count == 1, let line = fields[0] else { throw CopyFormatError.damaged }
          try body(line)
        }
      }
    }
  }

  private static func requireJournal(on connection: PostgresConnection, name: String) throws {
    let installed = try failing(at: name) {
      try connection.execute(JournalSchema.isInstalled).scalar == "t"
    }
    if !installed {
      throw JournalError.notAJournal(
        path: name, detail: "the database holds no Rapport journal (no rapport_journal table)")
    }
  }

  // MARK: Into a file

  private static func copy(from source: Place, toFile path: String, group: String?) throws -> Outcome {
    var read: JournalStreamScanner?
    let report = try Journal.createCopy(
      at: path, group: group,
      writing: { sink in read = try stream(source) { lines in try sink.write(lines) } },
      accepting: { report in
        if let problem = report.firstProblem {
          throw JournalCopyError.copyNotSound(target: path, problem: problem)
        }
        guard let read else { return }
        try check(Outcome(report), against: read, target: .file(path))
      })
    return Outcome(report)
  }

  // MARK: Into a database

  private static func copy(from source: Place, toDatabase connectionString: String) throws -> Outcome {
    let target = Place.database(connectionString)
    let name = target.description
    let connection = try failing(at: name) { try PostgresConnection(connectionString) }
    defer { connection.close() }
    try JournalCopyTarget(connection: connection, name: name).prepare()
    return try failing(at: name) {
      try connection.transaction {
        // Copying in: the lines keep the logins they were written from; seq, chain and form are
        // checked by the trigger all the same.
        try connection.execute(JournalSchema.copyingIn)
        let head = try connection.execute(JournalSchema.lockHead)
        if let seq = head.value("seq").flatMap({ Int($0) }), seq > 0 {
          throw JournalCopyError.targetNotEmpty(target: name, records: seq)
        }
        var inserter = BatchInserter(connection: connection)
        let read = try stream(source) { lines in try inserter.add(lines) }
        try inserter.flush()
        // Read back inside the transaction: a copy that differs is never committed.
        var written = JournalStreamScanner(path: name)
        try streamLines(on: connection, name: name) { line in try written.feed(line: line) { _ in } }
        try written.finish { _ in }
        let outcome = Outcome(written)
        try check(outcome, against: read, target: target)
        return outcome
      }
    }
  }

  /// Lines gathered into multi-row INSERTs of `linesPerStatement` lines.
  private struct BatchInserter {
    let connection: PostgresConnection
    private var joined: [UInt8] = []
    private var lines = 0
    private var inserted = 0

    init(connection: PostgresConnection) {
      self.connection = connection
      joined.reserveCapacity(4 << 20)
    }

    /// Adds complete lines (each with its newline), inserting whenever enough are gathered.
    mutating func add(_ bytes: ArraySlice<UInt8>) throws {
      try bytes.withUnsafeBytes { raw in
        guard let base = raw.baseAddress else { return }
        var start = 0
        while start < raw.count, let found = memchr(base + start, 0x0A, raw.count - start) {
          let end = base.distance(to: UnsafeRawPointer(found)) + 1
          joined.append(contentsOf: raw[start..<end])
          lines += 1
          if lines == linesPerStatement { try flush() }
          start = end
        }
      }
    }

    /// Inserts the lines gathered: $1 the first one's seq, $2 the lines joined by newlines.
    mutating func flush() throws {
      guard lines > 0 else { return }
      let text = String(decoding: joined.dropLast(), as: UTF8.self)
      try connection.execute(JournalSchema.insertBatch, parameters: [String(inserted + 1), text])
      inserted += lines
      lines = 0
      joined.removeAll(keepingCapacity: true)
    }
  }

  // MARK: Checks

  /// Throws unless the copy holds what was read: as many records, the same last seq, head and size.
  private static func check(_ copy: Outcome, against read: JournalStreamScanner, target: Place) throws {
    let expected = Outcome(read)
    guard copy == expected else {
      throw JournalCopyError.copyDiffers(target: target.description, expected: expected, found: copy)
    }
  }

  /// Runs `body`, turning the server's and libpq's failures into `JournalError`s naming `name`:
  /// `storeRefused` when the server refused (a record its trigger will not take, a missing privilege,
  /// data it cannot hold, such as a `\u0000` its JSON cannot turn into text), `storeFailed` otherwise.
  @discardableResult
  static func failing<Result>(at name: String, _ body: () throws -> Result) throws -> Result {
    do {
      return try body()
    } catch let error as PostgresError {
      let dataException = !error.connectionLost && error.sqlState?.hasPrefix("22") == true
      if error.isRefusal || dataException {
        throw JournalError.storeRefused(path: name, message: error.description)
      }
      throw JournalError.storeFailed(path: name, message: error.description)
    } catch let error as CopyFormatError {
      throw JournalError.storeFailed(path: name, message: error.description)
    }
  }
}

extension JournalCopy.Outcome {
  init(_ scanner: JournalStreamScanner) {
    self.init(
      records: scanner.records, lastSeq: scanner.position.lastSeq, headHash: scanner.position.headHash,
      bytes: scanner.position.offset)
  }

  init(_ report: VerificationReport) {
    self.init(records: report.records, lastSeq: report.lastSeq, headHash: report.headHash, bytes: report.bytes)
  }
}
