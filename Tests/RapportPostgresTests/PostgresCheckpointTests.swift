import Foundation
import Glibc
import RapportCheckpoint
import RapportDomain
import RapportJournal
import RapportPostgres
import RapportSample
import RapportTestSupport
import XCTest

/// Checkpoints of a journal in PostgreSQL: used when valid and then only the records after them read,
/// refused (a full replay, for the same reasons as a file's) when the table changed under them, named
/// per server and database, never after a password.
final class PostgresCheckpointTests: PostgresTestCase {
  private var folder = ""
  private var checkpoints = CheckpointStore(directory: "")
  private var otherDatabases: [String] = []
  private let today = Day(iso: "2026-11-23") ?? Day(number: 0)

  override func setUpWithError() throws {
    try super.setUpWithError()
    folder = try TemporaryFolder.make("rapport-pg-checkpoint")
    checkpoints = CheckpointStore(directory: folder + "/cache/checkpoints")
  }

  override func tearDownWithError() throws {
    if !otherDatabases.isEmpty {
      let admin = try PostgresConnection("\(server) user=\(superuser) dbname=postgres")
      for name in otherDatabases { try admin.execute("DROP DATABASE IF EXISTS \(name) WITH (FORCE)") }
      admin.close()
    }
    TemporaryFolder.remove(folder)
    try super.tearDownWithError()
  }

  // MARK: Journals

  private func connectionString(database name: String? = nil) -> String {
    "\(server) user=rapport_owner dbname=\(name ?? database)"
  }

  /// This test's database as a journal, over a connection string of its own.
  private func databaseJournal(_ connectionString: String? = nil) -> Journal {
    Journal(store: PostgresJournalStore(connectionString: connectionString ?? self.connectionString()))
  }

  /// A generated book (a few thousand events over a year) in a file journal.
  private func generatedFile() throws -> Journal {
    let sample = SampleBook(
      accounts: 30, firstDay: today.adding(days: -365), lastDay: today, owners: ["ana", "bo"], seed: 7, limit: 4_000)
    return try Journal.create(
      at: folder + "/book.jsonl", by: "ana", at: Timestamp(milliseconds: Int64(sample.firstDay.number - 1) * 86_400_000)
    ) { writer in
      try sample.generate { draft, time, user in try writer.append(draft, at: time, by: user) }
    }
  }

  /// Copies the file journal's lines, as they are, into the journal of the database `connection` is
  /// to (its owner's session, copying in: the records keep the logins they were written with).
  private func copy(_ file: Journal, over connection: PostgresConnection) throws {
    let bytes = try XCTUnwrap(FileManager.default.contents(atPath: file.path))
    let lines = bytes.split(separator: 0x0A).map { String(decoding: $0, as: UTF8.self) }
    try connection.transaction {
      try connection.execute("SET LOCAL rapport.copy_in = 'on'")
      for start in stride(from: 0, to: lines.count, by: 1_000) {
        let batch = lines[start..<min(lines.count, start + 1_000)]
        try connection.execute(
          JournalSchema.insertBatch, parameters: [String(start + 1), batch.joined(separator: "\n")])
      }
    }
  }

  /// The generated book, copied into this test's database: the file journal and the database's.
  private func copiedJournal() throws -> (file: Journal, database: Journal) {
    let file = try generatedFile()
    try copy(file, over: connect(as: "rapport_owner"))
    return (file, databaseJournal())
  }

  /// Appends `commands` to `journal` as ana, logged in as the database's session user.
  @discardableResult
  private func append(_ commands: [Command], to journal: Journal) throws -> JournalPosition {
    var desk = try Desk.open(journal, user: "ana")
    for command in commands {
      let context = Context(now: .now(), today: today, user: "ana", login: journal.login)
      let drafts = try command.drafts(in: desk.book, context: context)
      _ = try journal.append(by: "ana", login: journal.login, at: context.now) { _ in drafts }
      _ = try desk.refresh()
    }
    return desk.position
  }

  private func usage(_ desk: Desk, _ value: Double) throws -> Command {
    .recordUsage(slug: try XCTUnwrap(desk.book.slugs.first), value: value, date: today)
  }

  /// Runs `sql` as the cluster's superuser with the journal's own triggers off, as one who tampers.
  private func tamper(_ sql: String) throws {
    try admin().run(
      script:
        "ALTER TABLE rapport_journal DISABLE TRIGGER USER; \(sql); ALTER TABLE rapport_journal ENABLE TRIGGER USER")
  }

  private func assertSameState(_ desk: Desk, _ other: Desk, file: StaticString = #filePath, line: UInt = #line) {
    XCTAssertEqual(desk.book, other.book, "book", file: file, line: line)
    XCTAssertEqual(desk.position, other.position, "position", file: file, line: line)
    XCTAssertEqual(desk.problems, other.problems, "problems", file: file, line: line)
    XCTAssertEqual(
      Assessor(book: desk.book, today: today).board(), Assessor(book: other.book, today: today).board(), "board",
      file: file, line: line)
  }

  /// Opens `journal` through this test's checkpoints, saves a checkpoint, and returns what it saved.
  private func checkpointed(_ journal: Journal) throws -> SavedCheckpoint {
    let first = try Desk.open(journal, user: "ana", checkpoints: checkpoints)
    XCTAssertEqual(first.opening, .replay(reason: .missing, records: first.desk.position.lastSeq))
    return try XCTUnwrap(try first.desk.saveCheckpoint(to: checkpoints))
  }

  // MARK: Used when valid

  func testADeskOpenedFromItsCheckpointEqualsTheFullReplayAndReadsOnlyTheTail() throws {
    let (file, journal) = try copiedJournal()
    let saved = try checkpointed(journal)
    XCTAssertEqual(checkpoints.path(for: journal), saved.path)
    XCTAssertTrue(FileManager.default.fileExists(atPath: saved.path))

    let opened = try Desk.open(journal, user: "ana", checkpoints: checkpoints)
    XCTAssertEqual(opened.opening, .checkpoint(seq: saved.seq, tailRecords: 0, tailBytes: 0))
    assertSameState(opened.desk, try Desk.open(journal, user: "ana"))
    // Exactly as the same lines in a file.
    assertSameState(opened.desk, try Desk.open(file, user: "ana"))

    // Records appended since: only they are read.
    let checkpointEnd = opened.desk.position.offset
    let end = try append([usage(opened.desk, 7), usage(opened.desk, 8)], to: journal)
    let reopened = try Desk.open(journal, user: "ana", checkpoints: checkpoints)
    XCTAssertEqual(
      reopened.opening, .checkpoint(seq: saved.seq, tailRecords: 2, tailBytes: end.offset - checkpointEnd))
    XCTAssertEqual(reopened.desk.position, end)
    assertSameState(reopened.desk, try Desk.open(journal, user: "ana"))
  }

  func testACheckpointIsWrittenFromAnAnchorReadBeforehand() throws {
    let (_, journal) = try copiedJournal()
    let first = try Desk.open(journal, user: "ana", checkpoints: checkpoints)
    // Read on the desk owner's thread; the save does not use the journal's connection.
    let anchor = try first.desk.checkpointAnchor()
    XCTAssertEqual(anchor.position, first.desk.position)
    XCTAssertEqual(anchor.line.last, 0x0A)
    (journal.store as? PostgresJournalStore)?.close()
    let saved = try XCTUnwrap(try first.desk.saveCheckpoint(to: checkpoints, anchor: anchor))
    XCTAssertEqual(saved.seq, first.desk.position.lastSeq)
    XCTAssertEqual(
      try Desk.open(journal, user: "ana", checkpoints: checkpoints).opening,
      .checkpoint(seq: saved.seq, tailRecords: 0, tailBytes: 0))
  }

  /// What a checkpoint reads of the journal, one line at a time, is what the file holding the same
  /// lines gives.
  func testSingleLinesAreTheFilesLines() throws {
    let (file, journal) = try copiedJournal()
    let size = try XCTUnwrap(try FileManager.default.attributesOfItem(atPath: file.path)[.size] as? UInt64)
    XCTAssertEqual(try journal.length, size)
    XCTAssertEqual(try file.length, size)
    XCTAssertEqual(try journal.firstLine(), try file.firstLine())
    XCTAssertEqual(try journal.firstLine()?.last, UInt8(ascii: "}"))
    var ends: [UInt64] = []
    _ = try file.scan { record in if record.seq % 500 == 1 { ends.append(record.offset) } }
    ends.append(size)
    for end in ends where end > 0 {
      let line = try XCTUnwrap(try journal.line(endingAt: end), "line ending at \(end)")
      XCTAssertEqual(line, try file.line(endingAt: end))
      XCTAssertEqual(line.last, 0x0A)
    }
    // No line ends inside a line, nor beyond the end.
    XCTAssertNil(try journal.line(endingAt: size - 1))
    XCTAssertNil(try file.line(endingAt: size - 1))
    XCTAssertNil(try journal.line(endingAt: size + 10))
    XCTAssertNil(try file.line(endingAt: size + 10))
  }

  // MARK: Refused when the table changed under it

  func testAnAnchorRewrittenByASuperuserGivesAFullReplay() throws {
    let (_, journal) = try copiedJournal()
    let saved = try checkpointed(journal)
    // One character of the anchor record's id changed: same length, same end offset, another line.
    try tamper(
      #"UPDATE rapport_journal SET line = regexp_replace(line, '"id":"[0-9a-f]', '"id":"z') WHERE seq = \#(saved.seq)"#)

    let opened = try Desk.open(journal, user: "ana", checkpoints: checkpoints)
    XCTAssertEqual(opened.opening, .replay(reason: .anchorChanged(seq: saved.seq), records: saved.seq - 1))
    XCTAssertEqual(opened.desk.problems.map(\.seq), [saved.seq], "the full replay reports the rewritten record")
    assertSameState(opened.desk, try Desk.open(journal, user: "ana"))
  }

  func testAJournalShorterThanItsCheckpointGivesAFullReplay() throws {
    let (_, journal) = try copiedJournal()
    let saved = try checkpointed(journal)
    let checkpointEnd = try journal.length
    try tamper("DELETE FROM rapport_journal WHERE seq >= \(saved.seq - 1)")
    let shorter = try journal.length
    XCTAssertLessThan(shorter, checkpointEnd)

    let opened = try Desk.open(journal, user: "ana", checkpoints: checkpoints)
    XCTAssertEqual(
      opened.opening,
      .replay(reason: .journalShorter(journal: shorter, checkpoint: checkpointEnd), records: saved.seq - 2))
    assertSameState(opened.desk, try Desk.open(journal, user: "ana"))
  }

  func testATailThatNoLongerChainsGivesAFullReplay() throws {
    let (_, journal) = try copiedJournal()
    let saved = try checkpointed(journal)
    try append([usage(try Desk.open(journal, user: "ana"), 7)], to: journal)
    try tamper(
      "UPDATE rapport_journal SET line = replace(line, '\"value\":7', '\"value\":8') WHERE seq = \(saved.seq + 1)")

    let opened = try Desk.open(journal, user: "ana", checkpoints: checkpoints)
    XCTAssertEqual(opened.opening, .replay(reason: .tailRejected(seq: saved.seq + 1), records: saved.seq))
    assertSameState(opened.desk, try Desk.open(journal, user: "ana"))
  }

  // MARK: Named per server and database, never after a password

  func testTheSameJournalInAnotherDatabaseHasACheckpointOfItsOwn() throws {
    let (file, journal) = try copiedJournal()
    let other = "\(database)_copy"
    try admin().execute("CREATE DATABASE \(other) OWNER rapport_owner")
    otherDatabases.append(other)
    let owner = try PostgresConnection(connectionString(database: other))
    defer { owner.close() }
    try JournalSchema.install(on: owner)
    try copy(file, over: owner)
    let copy = databaseJournal(connectionString(database: other))
    let id = try XCTUnwrap(try Desk.open(journal, user: "ana").book.journalID)
    XCTAssertEqual(try Desk.open(copy, user: "ana").book.journalID, id, "the same journal, written identically")

    let paths = [checkpoints.path(for: journal), checkpoints.path(for: copy), checkpoints.path(for: file)]
    XCTAssertEqual(Set(paths.compactMap { $0 }).count, 3, "\(paths)")
    _ = try checkpointed(journal)
    XCTAssertEqual(try Desk.open(copy, user: "ana", checkpoints: checkpoints).opening.usedCheckpoint, false)
    XCTAssertEqual(try Desk.open(file, user: "ana", checkpoints: checkpoints).opening.usedCheckpoint, false)
    XCTAssertEqual(try Desk.open(journal, user: "ana", checkpoints: checkpoints).opening.usedCheckpoint, true)
  }

  func testTheCheckpointIsNamedWithoutThePassword() throws {
    _ = try copiedJournal()
    let password = "s3cret-Pa55word"
    // Trust authentication over the socket: libpq holds the password, the server does not ask for it.
    let keyValue = databaseJournal(connectionString() + " password=\(password)")
    let uri = databaseJournal(
      "postgresql://rapport_owner:\(password)@/\(database)?host=\(try socketFolder())")
    for journal in [keyValue, uri] {
      let saved = try checkpointed(journal)
      XCTAssertFalse(saved.path.contains(password), saved.path)
      let bytes = try XCTUnwrap(FileManager.default.contents(atPath: saved.path))
      XCTAssertNil(bytes.range(of: Data(password.utf8)), "the checkpoint's bytes hold the password")
      XCTAssertTrue(try Desk.open(journal, user: "ana", checkpoints: checkpoints).opening.usedCheckpoint)
    }
    // The password is no part of the name: the same string with another password finds the checkpoint.
    let another = databaseJournal(connectionString() + " password=another")
    XCTAssertEqual(checkpoints.path(for: another), checkpoints.path(for: keyValue))
    XCTAssertTrue(try Desk.open(another, user: "ana", checkpoints: checkpoints).opening.usedCheckpoint)
    let names = try FileManager.default.contentsOfDirectory(atPath: checkpoints.directory)
    XCTAssertFalse(names.contains { $0.contains(password) }, "\(names)")
  }

  /// The cluster's unix socket folder, from `host=` in the test connection string.
  private func socketFolder() throws -> String {
    let host = try XCTUnwrap(server.split(separator: " ").first { $0.hasPrefix("host=") })
    return String(host.dropFirst("host=".count))
  }
}
