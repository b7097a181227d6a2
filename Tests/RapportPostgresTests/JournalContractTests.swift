import Foundation
import Glibc
import RapportJournal
import RapportPostgres
import XCTest

/// The journal's contract, one body per property, run against both of its homes: a file in a
/// temporary folder and this test's PostgreSQL database. Whatever the home, a user sees the same
/// thing: concurrent writers leave one gapless chain, a writer killed mid-append leaves nothing
/// half-written, a batch is all or nothing, and tampering with history is reported by `verify`.
final class JournalContractTests: PostgresTestCase {
  private let time = Timestamp(milliseconds: 1_790_000_000_000)
  private var folders: [String] = []

  override func tearDownWithError() throws {
    for folder in folders { try? FileManager.default.removeItem(atPath: folder) }
    try super.tearDownWithError()
  }

  // MARK: Concurrent writers

  func testConcurrentWritersLeaveOneGaplessChainInAFile() throws {
    try concurrentWritersLeaveOneGaplessChain(in: home(.file))
  }

  func testConcurrentWritersLeaveOneGaplessChainInPostgres() throws {
    try concurrentWritersLeaveOneGaplessChain(in: home(.postgres))
  }

  /// Four threads, each with its own handle on the journal (a PostgreSQL store is one connection),
  /// append one record at a time, each drafted against the head `append` hands it.
  private func concurrentWritersLeaveOneGaplessChain(in home: JournalHome) throws {
    let writers = 4
    let rounds = 25
    let failures = Failures()
    let time = self.time
    DispatchQueue.concurrentPerform(iterations: writers) { writer in
      let journal = home.open()
      for round in 0..<rounds {
        do {
          _ = try journal.append(by: "olivia", login: journal.login, at: time) { head in
            // The head the draft is made against: the record before it, if the writers serialise.
            [Self.touchpoint("writer \(writer) round \(round)", extra: [("after", .number(Double(head.lastSeq)))])]
          }
        } catch { failures.add("writer \(writer): \(error)") }
      }
    }
    XCTAssertEqual(failures.all, [])
    let records = try home.records()
    XCTAssertEqual(records.map(\.seq), Array(1...(writers * rounds + 1)))
    XCTAssertEqual(Set(records.map(\.id)).count, records.count, "no record written twice")
    for record in records.dropFirst() {
      XCTAssertEqual(record.data["after"]?.intValue, record.seq - 1, "record \(record.seq) drafted against its head")
    }
    for writer in 0..<writers {
      let own = records.filter { $0.data["summary"]?.stringValue?.hasPrefix("writer \(writer) ") == true }
      XCTAssertEqual(own.count, rounds, "writer \(writer)'s records")
    }
    let report = try home.open().verify()
    XCTAssertTrue(report.isSound, "\(report.problems)")
    XCTAssertEqual(report.lastSeq, writers * rounds + 1)
  }

  // MARK: A killed writer

  func testAWriterKilledMidAppendLeavesNothingHalfWrittenInAFile() throws {
    try aWriterKilledMidAppendLeavesNothingHalfWritten(in: home(.file))
  }

  func testAWriterKilledMidAppendLeavesNothingHalfWrittenInPostgres() throws {
    try aWriterKilledMidAppendLeavesNothingHalfWritten(in: home(.postgres))
  }

  private func aWriterKilledMidAppendLeavesNothingHalfWritten(in home: JournalHome) throws {
    let journal = home.open()
    _ = try journal.append(by: "olivia", login: journal.login, at: time) { _ in [Self.touchpoint("before")] }
    // Each home's ways of killing a writer run one after the other, before the next append.
    try home.killWritersMidAppend()
    do {
      let records = try home.records()
      XCTAssertEqual(records.map(\.seq), [1, 2], "nothing of the killed append is read")
      // The next append works, right after the last sound record (a file's torn tail set aside).
      let next = try journal.append(by: "olivia", login: journal.login, at: time) { _ in [Self.touchpoint("after")] }
      XCTAssertEqual(next.records.map(\.seq), [3])
      XCTAssertEqual(next.quarantined.count, home.kind == .file ? 1 : 0, "the torn tail moved to the quarantine")
      let report = try journal.verify()
      XCTAssertTrue(report.isSound, "\(report.problems)")
      XCTAssertEqual(report.lastSeq, 3)
    }
  }

  // MARK: A dropped connection

  /// PostgreSQL only: a file journal has no connection to lose. Each file append opens the file,
  /// locks, writes, flushes and closes it, so nothing lives between two appends; what can fail inside
  /// one (a short write, a failed flush, a full disk) is covered by JournalIOFailureTests and
  /// JournalDiskFullTests, and a writer that dies by the killed-writer tests above.
  func testADroppedConnectionFailsOrReconnectsAndNeverWritesTwiceInPostgres() throws {
    let home = try self.home(.postgres)
    let journal = home.open()
    _ = try journal.append(by: "olivia", login: journal.login, at: time) { _ in [Self.touchpoint("first")] }

    // Dropped between two appends: the next either reconnects or fails as the store's failure.
    try terminateWriters()
    let second = Self.touchpoint("second")
    try appendRetryingOnce(second, to: journal)

    // Dropped inside an append, after the head was read and before the insert: the store retries on
    // a new connection (making the drafts again), or fails as the store's failure with nothing kept;
    // either way the event is written once.
    let third = Self.touchpoint("third")
    var dropped = false
    do {
      _ = try journal.append(by: "olivia", login: journal.login, at: time) { _ in
        if !dropped {
          dropped = true
          try self.terminateWriters()
        }
        return [third]
      }
    } catch {
      guard case .storeFailed = error as? JournalError else { return XCTFail("unexpected \(error)") }
      XCTAssertEqual(try home.records().map(\.seq), [1, 2, 3], "nothing of the dropped append was kept")
      try appendRetryingOnce(third, to: journal)
    }
    XCTAssertTrue(dropped, "the connection was dropped mid-append")

    let records = try home.records()
    XCTAssertEqual(records.map(\.seq), [1, 2, 3, 4])
    XCTAssertEqual(records.filter { $0.id == second.id }.count, 1)
    XCTAssertEqual(records.filter { $0.id == third.id }.count, 1)
    XCTAssertTrue(try journal.verify().isSound)
  }

  /// Appends `draft` unless the journal holds its id already; after a `storeFailed` (the connection
  /// found lost), once more: the retry a command makes safe by the event's id.
  private func appendRetryingOnce(_ draft: EventDraft, to journal: Journal) throws {
    func attempt() throws {
      _ = try journal.append(by: "olivia", login: journal.login, at: time) { head in
        var known = false
        _ = try journal.scan { if $0.id == draft.id { known = true } }
        return known ? [] : [draft]
      }
    }
    do {
      try attempt()
    } catch JournalError.storeFailed {
      try attempt()
    }
  }

  /// Ends, from the superuser's session, every backend of this test's writers, and waits until gone.
  private func terminateWriters() throws {
    let terminated = try admin().execute(
      "SELECT pg_terminate_backend(pid, 5000) FROM pg_stat_activity WHERE datname = $1 AND application_name = $2",
      parameters: [database, JournalHome.applicationName])
    XCTAssertTrue(terminated.rows.contains(["t"]), "the writer's connection terminated")
  }

  // MARK: Batches

  func testABatchOfAThousandIsAllOrNothingInAFile() throws {
    try aBatchOfAThousandIsAllOrNothing(in: home(.file))
  }

  func testABatchOfAThousandIsAllOrNothingInPostgres() throws {
    try aBatchOfAThousandIsAllOrNothing(in: home(.postgres))
  }

  private func aBatchOfAThousandIsAllOrNothing(in home: JournalHome) throws {
    let journal = home.open()
    let size = 1000
    // Refused: the last draft is too large for a record; nothing of the batch is kept.
    var refused = (1..<size).map { Self.touchpoint("refused \($0)") }
    refused.append(Self.touchpoint(String(repeating: "x", count: Journal.maximumRecordBytes)))
    XCTAssertThrowsError(try journal.append(by: "olivia", login: journal.login, at: time) { _ in refused }) { error in
      guard case .recordTooLarge = error as? JournalError else { return XCTFail("unexpected \(error)") }
    }
    XCTAssertEqual(try home.records().map(\.seq), [1])

    // Accepted, while a reader on another handle reads again and again: every read sees the batch
    // whole or not at all.
    let batch = (1...size).map { Self.touchpoint("batch \($0)") }
    let written = Flag()
    let counts = Counts()
    let reader = Thread {
      let journal = home.open()
      repeat {
        let done = written.isSet
        do {
          var seen = 0
          _ = try journal.scan { _ in seen += 1 }
          counts.add(seen)
        } catch { counts.add(-1) }
        if done { break }
      } while true
      counts.finish()
    }
    reader.start()
    let outcome = try journal.append(by: "olivia", login: journal.login, at: time) { _ in batch }
    written.set()
    counts.waitUntilFinished()
    XCTAssertEqual(outcome.records.map(\.seq), Array(2...(size + 1)))
    XCTAssertEqual(Set(counts.all).subtracting([1, size + 1]), [], "a reader saw part of the batch")
    XCTAssertEqual(counts.all.last, size + 1)

    let records = try home.records()
    XCTAssertEqual(records.count, size + 1)
    XCTAssertEqual(records.dropFirst().map(\.id), batch.map(\.id))
    XCTAssertEqual(records.last.flatMap(\.batch).map { [$0.index, $0.size] }, [size, size])
    XCTAssertTrue(try journal.verify().isSound)
  }

  // MARK: Tampering

  func testARewrittenAndADeletedRecordAreReportedByVerifyInAFile() throws {
    try aRewrittenAndADeletedRecordAreReportedByVerify(in: home(.file))
  }

  func testARewrittenAndADeletedRecordAreReportedByVerifyInPostgres() throws {
    try aRewrittenAndADeletedRecordAreReportedByVerify(in: home(.postgres))
  }

  /// In a file, bytes rewritten in place; in PostgreSQL, the superuser's UPDATE and DELETE with the
  /// table's triggers disabled (which refuse both to everyone else): the chain tells either way.
  private func aRewrittenAndADeletedRecordAreReportedByVerify(in home: JournalHome) throws {
    let journal = home.open()
    // One append each (a damaged record inside a batch would make the whole batch unreadable).
    for seq in 2...6 {
      _ = try journal.append(by: "olivia", login: journal.login, at: time) { _ in
        [Self.touchpoint("Call \(seq): amount \(seq)00")]
      }
    }
    XCTAssertTrue(try journal.verify().isSound)
    let before = try home.records()

    // Record 5's amount changed from 500 to 900: still one valid JSON line, of the same length.
    try home.rewrite(5, "amount 500", "amount 900")
    XCTAssertEqual(
      try home.records().first { $0.data["summary"]?.stringValue == "Call 5: amount 900" }?.seq, nil,
      "the rewritten record is not read as a record")
    let rewritten = try journal.verify()
    XCTAssertEqual(rewritten.problems.map(\.seq), [5])
    XCTAssertEqual(rewritten.problems.map(\.kind), [.checksumMismatch])
    XCTAssertEqual(rewritten.problems.first?.offset, before[4].offset, "the problem names record 5's line")

    // Record 3 deleted: the gap is reported where it was, before the rewrite still reported.
    try home.delete(3)
    let deleted = try journal.verify()
    XCTAssertFalse(deleted.isSound)
    XCTAssertEqual(deleted.firstProblem?.seq, 3)
    XCTAssertEqual(deleted.firstProblem?.kind, .sequence(expected: 3, found: 4))
    XCTAssertEqual(deleted.firstProblem?.offset, before[2].offset)
    XCTAssertTrue(deleted.problems.contains { $0.seq == 5 && $0.kind == .checksumMismatch }, "\(deleted.problems)")
  }

  // MARK: Identity (PostgreSQL; IdentityTests covers the server's SQL, this the journal's API)

  /// What the file journal only detects (a write as another member, a viewer's write), the server
  /// refuses through `Journal.append`, and nothing is written; a record always carries the login
  /// the server authenticated.
  func testWritingAsAnotherOrAsAReaderIsRefusedThroughTheJournalInPostgres() throws {
    _ = try journalWithMembers()  // olivia (rapport_owner) created it; alice a member, bob a viewer.
    let alice = Journal(store: store(as: "alice"))
    let bob = Journal(store: store(as: "bob"))
    let attempts: [(String, () throws -> Void)] = [
      (
        "alice writing as olivia",
        {
          _ = try alice.append(by: "olivia", login: alice.login, at: self.time) { _ in [Self.touchpoint("as olivia")] }
        }
      ),
      (
        "bob, a viewer, writing",
        { _ = try bob.append(by: "bob", login: bob.login, at: self.time) { _ in [Self.touchpoint("by bob")] } }
      ),
    ]
    for (what, attempt) in attempts {
      XCTAssertThrowsError(try attempt(), what) { error in
        guard case .storeRefused(_, let message) = error as? JournalError else {
          return XCTFail("\(what): unexpected \(error)")
        }
        XCTAssertTrue(message.contains("refused") || message.contains("permission denied"), "\(what): \(message)")
      }
    }
    XCTAssertEqual(try count(connect(as: "rapport_owner")), "3")
    let own = try alice.append(by: "alice", login: alice.login, at: time) { _ in [Self.touchpoint("as herself")] }
    XCTAssertEqual(own.records.map(\.seq), [4])
    XCTAssertEqual(own.records.first?.login, "alice")
    // The store writes the session's user whatever login it is handed: claiming bob's writes alice's
    // (the server refuses a line that claims another, see IdentityTests).
    let claimed = try alice.append(by: "alice", login: "bob", at: time) { _ in [Self.touchpoint("as bob")] }
    XCTAssertEqual(claimed.records.first?.login, "alice")
    XCTAssertEqual(
      try connect(as: "rapport_owner").execute("SELECT login FROM rapport_journal ORDER BY seq DESC LIMIT 1").scalar,
      "alice")
  }

  // MARK: Homes

  private func store(as user: String) -> PostgresJournalStore {
    PostgresJournalStore(connectionString: "\(server) user=\(user) dbname=\(database)")
  }

  /// A new journal holding its `journal.created` record, begun by olivia, in a file or this test's database.
  private func home(_ kind: JournalHome.Kind) throws -> JournalHome {
    switch kind {
    case .file:
      let folder = NSTemporaryDirectory() + "rapport-contract-\(getpid())-\(EventDraft.newID().prefix(8))"
      try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
      folders.append(folder)
      let path = folder + "/journal.jsonl"
      try Journal.create(at: path, by: "olivia", at: time)
      return JournalHome(file: path, folder: folder)
    case .postgres:
      let connection =
        "\(server) user=rapport_owner dbname=\(database) application_name=\(JournalHome.applicationName)"
      let home = JournalHome(
        database: connection, superuser: "\(server) user=\(superuser) dbname=\(database)")
      let journal = home.open()
      var data = JSONObject()
      data["schema"] = .number(Double(Record.currentSchema))
      _ = try journal.append(by: "olivia", login: journal.login, at: time) { _ in
        [EventDraft(type: Record.genesisType, data: data)]
      }
      return home
    }
  }

  static func touchpoint(_ summary: String, extra: [(String, JSONValue)] = []) -> EventDraft {
    EventDraft(
      type: "touchpoint.logged", account: "acme",
      data: JSONObject([("date", .string("2026-11-20")), ("summary", .string(summary))] + extra))
  }
}

/// A journal's home for the contract tests: how to open another handle on it, and how to do to it
/// what only someone outside Rapport can (kill its writer mid-append, rewrite or delete a record).
private struct JournalHome: Sendable {
  enum Kind { case file, postgres }

  static let applicationName = "rapport_contract_writer"
  static let killedSummary = "killed mid-append"

  var kind: Kind
  /// A new handle on the journal; a PostgreSQL store is one connection, so one per thread.
  var open: @Sendable () -> Journal
  /// Starts appends and kills their writers midway (in each way this home has), which must leave
  /// the journal as it was before.
  var killWritersMidAppend: @Sendable () throws -> Void
  /// Replaces `old` by `new` (the same length) in record `seq`'s line, as an intruder would.
  var rewrite: @Sendable (_ seq: Int, _ old: String, _ new: String) throws -> Void
  /// Removes record `seq` from the journal, as an intruder would.
  var delete: @Sendable (_ seq: Int) throws -> Void

  func records() throws -> [Record] {
    var records: [Record] = []
    _ = try open().scan { records.append($0) }
    return records
  }

  /// A journal file: a writer is the `rapport` executable, killed while the fault knob holds it
  /// halfway through its record; an intruder edits the bytes.
  init(file path: String, folder: String) {
    kind = .file
    open = { Journal(path: path) }
    killWritersMidAppend = { try Self.killRapportMidWrite(journal: path, folder: folder) }
    rewrite = { seq, old, new in
      var lines = try Self.lines(of: path)
      let line = lines[seq - 1]
      guard let range = line.range(of: old) else { throw TamperFailed(what: "'\(old)' not in record \(seq)") }
      lines[seq - 1] = line.replacingCharacters(in: range, with: new)
      try Self.write(lines, to: path)
    }
    delete = { seq in
      var lines = try Self.lines(of: path)
      lines.remove(at: seq - 1)
      try Self.write(lines, to: path)
    }
  }

  /// A journal in PostgreSQL: a writer's transaction that inserted and then lost its server
  /// process, or closed its connection, before COMMIT; an intruder is the superuser with the
  /// table's triggers disabled.
  init(database connection: String, superuser: String) {
    kind = .postgres
    open = { Journal(store: PostgresJournalStore(connectionString: connection)) }
    @Sendable func insertingWriter() throws -> PostgresConnection {
      let writer = try PostgresConnection(connection)
      try writer.execute("BEGIN")
      let head = try writer.execute(JournalSchema.lockHead)
      guard let seq = head.value("seq").flatMap({ Int($0) }), let hash = head.value("hash").flatMap({ HashHex($0) })
      else { throw TamperFailed(what: "no head") }
      let login = try writer.execute("SELECT session_user").scalar
      let line = RecordEncoder.line(
        for: JournalContractTests.touchpoint(JournalHome.killedSummary), seq: seq + 1, at: Timestamp.now(),
        by: "olivia",
        login: login, batch: nil, previous: hash.bytes)
      try writer.execute(
        JournalSchema.insertRecord,
        parameters: [String(seq + 1), String(decoding: line.bytes.dropLast(), as: UTF8.self)])
      return writer
    }
    killWritersMidAppend = {
      // The server process serving the writer is killed after the INSERT, before COMMIT.
      let writer = try insertingWriter()
      try PostgresConnection(superuser).execute(
        "SELECT pg_terminate_backend($1::int, 5000)", parameters: [String(writer.backendPID)])
      XCTAssertThrowsError(try writer.execute("COMMIT")) { error in
        XCTAssertEqual((error as? PostgresError)?.connectionLost, true)
      }
      // The writer itself dies before COMMIT: its connection closes; the server rolls back.
      try insertingWriter().close()
    }
    @Sendable func tampering(_ statement: String, _ parameters: [String]) throws {
      let admin = try PostgresConnection(superuser)
      try admin.execute("ALTER TABLE rapport_journal DISABLE TRIGGER USER")
      let changed = try admin.execute(statement + " RETURNING seq", parameters: parameters)
      try admin.execute("ALTER TABLE rapport_journal ENABLE TRIGGER USER")
      guard changed.rows.count == 1 else { throw TamperFailed(what: statement) }
    }
    rewrite = { seq, old, new in
      try tampering(
        "UPDATE rapport_journal SET line = replace(line, $2, $3) WHERE seq = $1::bigint", [String(seq), old, new])
    }
    delete = { seq in try tampering("DELETE FROM rapport_journal WHERE seq = $1::bigint", [String(seq)]) }
  }

  private static func lines(of path: String) throws -> [String] {
    try String(contentsOfFile: path, encoding: .utf8).split(separator: "\n").map(String.init)
  }

  private static func write(_ lines: [String], to path: String) throws {
    try (lines.joined(separator: "\n") + "\n").write(toFile: path, atomically: false, encoding: .utf8)
  }

  /// Runs `rapport account add` on the journal with the fault knob pausing it halfway through its
  /// record, waits until the first half is in the file, and kills it with SIGKILL.
  private static func killRapportMidWrite(journal path: String, folder: String) throws {
    let binary = packageRoot + "/.build/debug/rapport"
    guard access(binary, X_OK) == 0 else {
      throw TamperFailed(what: "the rapport executable is missing at \(binary): run `swift build --build-tests` first")
    }
    let size = Benchmarkless.fileSize(path)
    let process = Process()
    process.executableURL = URL(fileURLWithPath: binary)
    process.arguments = ["account", "add", "killed", "--name", killedSummary, "--tier", "1"]
    process.environment = [
      "PATH": "/usr/bin:/bin", "RAPPORT_LOG": path, "RAPPORT_USER": "olivia", "RAPPORT_TODAY": "2026-11-23",
      "RAPPORT_NO_CHECKPOINT": "1", "XDG_STATE_HOME": folder + "/state", "XDG_CACHE_HOME": folder + "/cache",
      "XDG_CONFIG_HOME": folder + "/config", "RAPPORT_FAULT_PAUSE_MID_WRITE_MS": "10000",
    ]
    process.standardOutput = FileHandle.nullDevice
    let errors = Pipe()
    process.standardError = errors
    try process.run()
    let deadline = Date().addingTimeInterval(30)
    while Benchmarkless.fileSize(path) == size, process.isRunning, Date() < deadline { usleep(5000) }
    let grew = Benchmarkless.fileSize(path) > size
    kill(process.processIdentifier, SIGKILL)
    process.waitUntilExit()
    guard grew else {
      let message = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
      throw TamperFailed(what: "rapport never began writing (exit \(process.terminationStatus)): \(message)")
    }
    XCTAssertEqual(process.terminationReason, .uncaughtSignal, "killed inside its pause")
  }

  private static let packageRoot = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().path
}

private enum Benchmarkless {
  static func fileSize(_ path: String) -> Int {
    var info = stat()
    return stat(path, &info) == 0 ? Int(info.st_size) : 0
  }
}

/// Something a contract test does to a journal from outside could not be done.
private struct TamperFailed: Error, CustomStringConvertible {
  var what: String
  var description: String { "could not tamper with the journal: \(what)" }
}

/// Errors gathered from several threads.
private final class Failures: @unchecked Sendable {
  private let lock = NSLock()
  private var list: [String] = []
  func add(_ text: String) { lock.withLock { list.append(text) } }
  var all: [String] { lock.withLock { list } }
}

/// Set once, read from another thread.
private final class Flag: @unchecked Sendable {
  private let lock = NSLock()
  private var value = false
  func set() { lock.withLock { value = true } }
  var isSet: Bool { lock.withLock { value } }
}

/// The record counts a reader saw, and when it has stopped reading.
private final class Counts: @unchecked Sendable {
  private let condition = NSCondition()
  private var list: [Int] = []
  private var finished = false
  func add(_ count: Int) { condition.withLock { list.append(count) } }
  func finish() {
    condition.withLock {
      finished = true
      condition.broadcast()
    }
  }
  func waitUntilFinished() { condition.withLock { while !finished { condition.wait() } } }
  var all: [Int] { condition.withLock { list } }
}
