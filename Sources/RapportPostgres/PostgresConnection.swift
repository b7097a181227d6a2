import CLibpq
import Glibc

/// One synchronous libpq connection: statements with text parameters, transactions, `COPY … TO
/// STDOUT` streamed in chunks, and `LISTEN` with the socket to wait on in `poll(2)`.
///
/// Not thread-safe: one connection belongs to one thread at a time (libpq's rule).
public final class PostgresConnection {
  private var handle: OpaquePointer?
  /// The connection string with its password replaced, for messages.
  public let target: String
  private let password: String?

  /// Connects with a libpq connection string: a `postgresql://` URI or `key=value` pairs (so
  /// `PGPASSFILE`, `sslmode` and a unix-socket `host=` work as in psql).
  public init(_ connectionString: String) throws(PostgresError) {
    target = ConnectionString.redacted(connectionString)
    password = ConnectionString.password(in: connectionString)
    guard let connection = PQconnectdb(connectionString) else {
      throw PostgresError(message: "could not connect to \(target): out of memory", connectionLost: true)
    }
    guard PQstatus(connection) == CONNECTION_OK else {
      let message = ConnectionString.scrub(Self.trimmed(PQerrorMessage(connection)), password: password)
      PQfinish(connection)
      throw PostgresError(message: "could not connect to \(target): \(message)", connectionLost: true)
    }
    handle = connection
    // Rapport's lines are UTF-8; the server converts if the database is not.
    PQsetClientEncoding(connection, "UTF8")
  }

  deinit { if let handle { PQfinish(handle) } }

  /// Closes the connection; every later call fails as a lost connection.
  public func close() {
    if let handle { PQfinish(handle) }
    handle = nil
  }

  /// Whether the connection is up (as far as libpq knows without asking the server).
  public var isOpen: Bool {
    guard let handle else { return false }
    return PQstatus(handle) == CONNECTION_OK
  }

  /// The socket to wait on with `poll(2)` for notifications; -1 when closed.
  public var socket: Int32 {
    guard let handle else { return -1 }
    return PQsocket(handle)
  }

  /// The server's process id for this connection (what `pg_terminate_backend` takes).
  public var backendPID: Int32 {
    guard let handle else { return 0 }
    return PQbackendPID(handle)
  }

  // MARK: Statements

  /// Runs one statement with `$1…$n` bound to `parameters` as text (nil for NULL); returns its rows.
  @discardableResult
  public func execute(_ sql: String, parameters: [String?] = []) throws(PostgresError) -> PostgresResult {
    let handle = try open()
    let result = Self.withCStrings(parameters) { values in
      PQexecParams(handle, sql, Int32(parameters.count), nil, values, nil, nil, 0)
    }
    defer { PQclear(result) }
    let status = result.map(PQresultStatus) ?? PGRES_FATAL_ERROR
    guard status == PGRES_TUPLES_OK || status == PGRES_COMMAND_OK else {
      if status == PGRES_COPY_OUT || status == PGRES_COPY_IN {
        throw PostgresError(message: "COPY goes through copyOut, not execute: \(sql.prefix(60))")
      }
      throw failure(result)
    }
    return Self.read(result)
  }

  /// Runs a script of several statements separated by semicolons, without parameters (the schema's
  /// SQL texts); stops at the first that fails.
  public func run(script sql: String) throws(PostgresError) {
    let handle = try open()
    let result = PQexec(handle, sql)
    defer { PQclear(result) }
    let status = result.map(PQresultStatus) ?? PGRES_FATAL_ERROR
    guard status == PGRES_TUPLES_OK || status == PGRES_COMMAND_OK else { throw failure(result) }
  }

  /// Runs `body` in a transaction: committed when it returns, rolled back when it throws (the error
  /// is rethrown). A connection lost inside leaves nothing committed.
  public func transaction<Result>(_ body: () throws -> Result) throws -> Result {
    try execute("BEGIN")
    let value: Result
    do {
      value = try body()
    } catch {
      if isOpen { _ = try? execute("ROLLBACK") }
      throw error
    }
    try execute("COMMIT")
    return value
  }

  // MARK: COPY

  /// Runs a `COPY … TO STDOUT` and hands each chunk libpq returns to `chunk` as it arrives (one data
  /// row per chunk in practice; a binary COPY's header arrives with the first). Returns the number of
  /// rows the server reports.
  @discardableResult
  public func copyOut(_ sql: String, chunk: ([UInt8]) throws -> Void) throws -> Int {
    let handle = try open()
    let started = PQexecParams(handle, sql, 0, nil, nil, nil, nil, 0)
    let status = started.map(PQresultStatus) ?? PGRES_FATAL_ERROR
    guard status == PGRES_COPY_OUT else {
      defer { PQclear(started) }
      if status == PGRES_TUPLES_OK || status == PGRES_COMMAND_OK {
        throw PostgresError(message: "not a COPY … TO STDOUT: \(sql.prefix(60))")
      }
      throw failure(started)
    }
    PQclear(started)
    var thrown: (any Error)?
    while true {
      var buffer: UnsafeMutablePointer<CChar>?
      let length = PQgetCopyData(handle, &buffer, 0)
      if length > 0, let buffer {
        defer { PQfreemem(buffer) }
        // After the body throws, the rest is drained so that the connection stays usable.
        if thrown == nil {
          let bytes = UnsafeRawBufferPointer(start: buffer, count: Int(length))
          do { try chunk(Array(bytes)) } catch { thrown = error }
        }
        continue
      }
      if length == -2 { throw failure(nil) }
      break
    }
    var rows = 0
    var final: PostgresError?
    while let result = PQgetResult(handle) {
      if PQresultStatus(result) == PGRES_COMMAND_OK {
        rows = Int(String(cString: PQcmdTuples(result))) ?? 0
      } else if final == nil {
        final = failure(result)
      }
      PQclear(result)
    }
    if let thrown { throw thrown }
    if let final { throw final }
    return rows
  }

  // MARK: LISTEN

  /// Starts listening on `channel` (quoted as an identifier).
  public func listen(_ channel: String) throws(PostgresError) {
    try execute("LISTEN \(try identifier(channel))")
  }

  /// Reads what has arrived on the socket without blocking and returns the notifications received,
  /// oldest first (empty when none). Call it when `poll` says the socket is readable.
  public func notifications() throws(PostgresError) -> [PostgresNotification] {
    let handle = try open()
    guard PQconsumeInput(handle) == 1 else { throw failure(nil) }
    var received: [PostgresNotification] = []
    while let notice = PQnotifies(handle) {
      received.append(
        PostgresNotification(
          channel: String(cString: notice.pointee.relname), payload: String(cString: notice.pointee.extra),
          senderPID: notice.pointee.be_pid))
      PQfreemem(notice)
    }
    return received
  }

  /// Drops the server's notices (and the farewell of a terminated connection) instead of letting
  /// libpq print them on stderr, which would tear a full-screen program's screen.
  public func discardNotices() {
    guard let handle else { return }
    PQsetNoticeProcessor(handle, { _, _ in }, nil)
  }

  /// `name` quoted as an SQL identifier by libpq.
  public func identifier(_ name: String) throws(PostgresError) -> String {
    let handle = try open()
    guard let quoted = PQescapeIdentifier(handle, name, name.utf8.count) else { throw failure(nil) }
    defer { PQfreemem(quoted) }
    return String(cString: quoted)
  }

  /// `text` quoted as an SQL string literal by libpq.
  public func literal(_ text: String) throws(PostgresError) -> String {
    let handle = try open()
    guard let quoted = PQescapeLiteral(handle, text, text.utf8.count) else { throw failure(nil) }
    defer { PQfreemem(quoted) }
    return String(cString: quoted)
  }

  // MARK: Internals

  private func open() throws(PostgresError) -> OpaquePointer {
    guard let handle else {
      throw PostgresError(message: "the connection to \(target) is closed", connectionLost: true)
    }
    return handle
  }

  /// The error a failed result (or, with nil, the connection) carries.
  private func failure(_ result: OpaquePointer?) -> PostgresError {
    let lost = handle.map { PQstatus($0) != CONNECTION_OK } ?? true
    func field(_ code: UInt8) -> String? {
      guard let result, let value = PQresultErrorField(result, Int32(code)) else { return nil }
      return ConnectionString.scrub(String(cString: value), password: password)
    }
    let sqlState = field(UInt8(ascii: "C"))
    var message = field(UInt8(ascii: "M"))
    if message == nil {
      let text = result.map { Self.trimmed(PQresultErrorMessage($0)) } ?? ""
      message = text.isEmpty ? handle.map { Self.trimmed(PQerrorMessage($0)) } : text
    }
    var text = ConnectionString.scrub(message ?? "unknown error", password: password)
    if text.isEmpty { text = lost ? "the connection to \(target) was lost" : "unknown error" }
    // Class 08 is a connection exception; 57P01–57P03 a server shutting down or terminating us.
    let connectionClass = sqlState.map { $0.hasPrefix("08") || $0.hasPrefix("57P") } ?? false
    return PostgresError(
      sqlState: sqlState, message: text, detail: field(UInt8(ascii: "D")), hint: field(UInt8(ascii: "H")),
      connectionLost: lost || connectionClass)
  }

  private static func read(_ result: OpaquePointer?) -> PostgresResult {
    guard let result else { return PostgresResult(columns: [], rows: [], affectedRows: 0) }
    let columnCount = PQnfields(result)
    let rowCount = PQntuples(result)
    let columns = (0..<columnCount).map { String(cString: PQfname(result, $0)) }
    var rows: [[String?]] = []
    rows.reserveCapacity(Int(rowCount))
    for row in 0..<rowCount {
      rows.append(
        (0..<columnCount).map { column in
          PQgetisnull(result, row, column) == 1 ? nil : String(cString: PQgetvalue(result, row, column))
        })
    }
    let affected = Int(String(cString: PQcmdTuples(result))) ?? 0
    return PostgresResult(columns: columns, rows: rows, affectedRows: affected)
  }

  private static func trimmed(_ message: UnsafePointer<CChar>?) -> String {
    guard let message else { return "" }
    var text = Substring(String(cString: message))
    while text.last == "\n" || text.last == " " { text = text.dropLast() }
    return String(text)
  }

  /// Calls `body` with `strings` as a C array of NUL-terminated copies (NULL for nil).
  private static func withCStrings<Result>(
    _ strings: [String?], _ body: (UnsafePointer<UnsafePointer<CChar>?>?) -> Result
  ) -> Result {
    let copies: [UnsafeMutablePointer<CChar>?] = strings.map { $0.flatMap { strdup($0) } }
    defer { for copy in copies { free(copy) } }
    let pointers = copies.map { UnsafePointer($0) }
    return pointers.withUnsafeBufferPointer { body($0.baseAddress) }
  }
}
