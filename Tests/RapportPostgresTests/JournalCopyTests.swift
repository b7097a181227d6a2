import Foundation
import Glibc
import RapportJournal
import RapportPostgres
import RapportTestSupport
import XCTest

/// `JournalCopy`: a file journal into PostgreSQL and back gives the same bytes; a non-empty or
/// existing target, an unsound source and a record the server refuses copy nothing.
final class JournalCopyTests: PostgresTestCase {
  private var directory = ""
  private var extraDatabases: [String] = []
  private let time = Timestamp(milliseconds: 1_790_000_000_000)

  override func setUpWithError() throws {
    try super.setUpWithError()
    directory = NSTemporaryDirectory() + "rapport-copy-\(getpid())-\(EventDraft.newID().prefix(8))"
    try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
  }

  override func tearDownWithError() throws {
    try? FileManager.default.removeItem(atPath: directory)
    if let cluster, !extraDatabases.isEmpty { try cluster.dropDatabases(extraDatabases) }
    try super.tearDownWithError()
  }

  /// This test's database (schema installed, no records) as its owner.
  private var ownDatabase: JournalCopy.Place { .database("\(server) user=rapport_owner dbname=\(database)") }

  /// A database without the schema, owned by rapport_owner.
  private func bareDatabase() throws -> String {
    guard let cluster else { throw TestCluster.Missing() }
    let name = try cluster.createDatabase(prefix: "rapport_copy")
    extraDatabases.append(name)
    return name
  }

  private func file(_ name: String) -> String { directory + "/" + name }

  private func bytes(_ path: String) throws -> [UInt8] {
    try XCTUnwrap(FileManager.default.contents(atPath: path).map { [UInt8]($0) }, "no file at \(path)")
  }

  private func member(_ name: String, _ login: String, _ role: String) -> EventDraft {
    EventDraft(
      type: "member.added",
      data: JSONObject([("name", .string(name)), ("logins", .array([.string(login)])), ("role", .string(role))]))
  }

  private func touchpoint(_ number: Int, date: String? = nil) -> EventDraft {
    EventDraft(
      type: "touchpoint.logged", account: "acme",
      data: JSONObject([
        ("date", .string(date ?? "2026-11-\(String(10 + number % 18))")),
        ("summary", .string("Renouvellement n°\(number) — été ✓ 日本語 🎉 \"quoted\"")),
      ]))
  }

  /// A file journal begun by olivia: alice a member and bob a viewer (one batch), then alice's
  /// touchpoints, in batches of `batch`, with notes in several scripts.
  @discardableResult
  private func fileJournal(at path: String, touchpoints: Int = 3, batch: Int = 1, last: EventDraft? = nil) throws
    -> Journal
  {
    try Journal.create(at: path, by: "olivia", at: time)
    let journal = Journal(path: path)
    _ = try journal.append(by: "olivia", login: "olivia", at: time) { _ in
      [member("alice", "alice", "member"), member("bob", "bob", "viewer")]
    }
    var number = 0
    while number < touchpoints {
      let count = min(batch, touchpoints - number)
      let first = number
      _ = try journal.append(by: "alice", login: "alice", at: time) { _ in
        (first..<(first + count)).map { touchpoint($0) }
      }
      number += count
    }
    if let last { _ = try journal.append(by: "alice", login: "alice", at: time) { _ in [last] } }
    return journal
  }

  private func recordCount() throws -> String? { try count(connect(as: "rapport_owner")) }

  // MARK: Round trips

  func testAFileCopiedIntoPostgreSQLAndBackIsTheSameFileAndVerifiesOnTheServer() throws {
    let source = file("journal.jsonl")
    let original = try fileJournal(at: source, touchpoints: 7, batch: 3).verify()
    XCTAssertTrue(original.isSound)

    let into = try JournalCopy.run(from: .file(source), to: ownDatabase)
    XCTAssertEqual(into.records, original.records)
    XCTAssertEqual(into.lastSeq, 10)
    XCTAssertEqual(into.headHash, original.headHash)
    XCTAssertEqual(into.bytes, original.bytes)

    let stored = Journal(store: PostgresJournalStore(connectionString: "\(server) user=alice dbname=\(database)"))
    let report = try stored.verify()
    XCTAssertTrue(report.isSound, "\(report.problems)")
    XCTAssertEqual(report.records, original.records)
    XCTAssertEqual(report.headHash, original.headHash)
    XCTAssertEqual(report.journalID, original.journalID)
    let chain = try ChainCheck.run(on: connect(as: "rapport_owner"))
    XCTAssertTrue(chain.isSound, "\(chain.breaks)")
    // The lines keep the logins they were written from.
    let logins = try connect(as: "rapport_owner").execute("SELECT DISTINCT login FROM rapport_journal ORDER BY 1")
    XCTAssertEqual(logins.rows.compactMap { $0[0] }, [Journal.processLogin, "alice", "olivia"].sorted())

    let back = file("back.jsonl")
    let out = try JournalCopy.run(from: ownDatabase, to: .file(back))
    XCTAssertEqual(out, into)
    XCTAssertEqual(try bytes(back), try bytes(source))
    var info = stat()
    XCTAssertEqual(lstat(back, &info), 0)
    XCTAssertEqual(info.st_mode & 0o777, 0o600)
  }

  func testAJournalOfSeveralPiecesCopiesByteForByte() throws {
    // Over 8 MiB: read, checked and written in several pieces (each checked on two cores), with
    // batches across the pieces' edges, in several INSERT statements.
    let source = file("journal.jsonl")
    let journal = try fileJournal(at: source)
    let padding = String(repeating: "é✓ ", count: 700)
    for round in 0..<200 {
      _ = try journal.append(by: "alice", login: "alice", at: time) { _ in
        (0..<27).map { index in
          EventDraft(
            type: "touchpoint.logged", account: "acme",
            data: JSONObject([("date", .string("2026-11-20")), ("summary", .string("\(round)-\(index) \(padding)"))]))
        }
      }
    }
    let size = try bytes(source).count
    XCTAssertGreaterThan(size, 12 << 20)

    let twin = file("twin.jsonl")
    let copied = try JournalCopy.run(from: .file(source), to: .file(twin))
    XCTAssertEqual(copied.records, 5406)
    XCTAssertEqual(copied.bytes, UInt64(size))
    XCTAssertEqual(try bytes(twin), try bytes(source))
    XCTAssertEqual(try JournalCopy.run(from: .file(source), to: ownDatabase), copied)
    let back = file("back.jsonl")
    XCTAssertEqual(try JournalCopy.run(from: ownDatabase, to: .file(back)), copied)
    XCTAssertEqual(try bytes(back), try bytes(source))
  }

  func testACopyIntoADatabaseWithoutTheSchemaInstallsItAndBetweenDatabasesKeepsTheLines() throws {
    let source = file("journal.jsonl")
    try fileJournal(at: source, touchpoints: 2)
    let bare = try bareDatabase()
    let target = JournalCopy.Place.database("\(server) user=rapport_owner dbname=\(bare)")
    let copied = try JournalCopy.run(from: .file(source), to: target)
    XCTAssertEqual(copied.records, 5)

    // Database to database, then out to a file: the same bytes again.
    let again = try JournalCopy.run(from: target, to: ownDatabase)
    XCTAssertEqual(again, copied)
    let back = file("back.jsonl")
    try JournalCopy.run(from: ownDatabase, to: .file(back))
    XCTAssertEqual(try bytes(back), try bytes(source))
    // File to file goes the same way.
    let twin = file("twin.jsonl")
    XCTAssertEqual(try JournalCopy.run(from: .file(back), to: .file(twin)), copied)
    XCTAssertEqual(try bytes(twin), try bytes(source))
  }

  func testAJournalWrittenOnTheServerCopiesOutAsVerifySeesIt() throws {
    let owner = Journal(
      store: PostgresJournalStore(connectionString: "\(server) user=rapport_owner dbname=\(database)"))
    var genesis = JSONObject()
    genesis["schema"] = .number(Double(Record.currentSchema))
    _ = try owner.append(by: "olivia", login: "rapport_owner", at: time) { _ in
      [EventDraft(type: Record.genesisType, data: genesis)]
    }
    _ = try owner.append(by: "olivia", login: "rapport_owner", at: time) { _ in [member("alice", "alice", "member")] }
    let alice = Journal(store: PostgresJournalStore(connectionString: "\(server) user=alice dbname=\(database)"))
    _ = try alice.append(by: "alice", login: "alice", at: time) { _ in [touchpoint(1), touchpoint(2)] }
    _ = try alice.append(by: "alice", login: "alice", at: time) { _ in [touchpoint(3)] }
    let report = try alice.verify()
    XCTAssertTrue(report.isSound)

    let path = file("out.jsonl")
    let copied = try JournalCopy.run(from: .database("\(server) user=alice dbname=\(database)"), to: .file(path))
    XCTAssertEqual(copied.records, report.records)
    XCTAssertEqual(copied.lastSeq, report.lastSeq)
    XCTAssertEqual(copied.headHash, report.headHash)
    let fileReport = try Journal(path: path).verify()
    XCTAssertTrue(fileReport.isSound)
    XCTAssertEqual(fileReport.headHash, report.headHash)
    XCTAssertEqual(fileReport.bytes, report.bytes)
    // Line for line what the server holds.
    var lines: [String] = []
    for row in try connect(as: "rapport_owner").execute("SELECT line FROM rapport_journal ORDER BY seq").rows {
      lines.append(row[0] ?? "")
    }
    XCTAssertEqual(try bytes(path), Array(lines.map { $0 + "\n" }.joined().utf8))
  }

  // MARK: Refusals

  func testANonEmptyDatabaseIsRefusedAndLeftAsItWas() throws {
    let lines = try journalWithMembers()
    let source = file("journal.jsonl")
    try fileJournal(at: source)
    XCTAssertThrowsError(try JournalCopy.run(from: .file(source), to: ownDatabase)) { error in
      XCTAssertEqual(error as? JournalCopyError, .targetNotEmpty(target: ownDatabase.description, records: 3))
      XCTAssertTrue("\(error)".contains("already holds a journal of 3 records"), "\(error)")
    }
    let held = try connect(as: "rapport_owner").execute("SELECT line FROM rapport_journal ORDER BY seq")
    XCTAssertEqual(held.rows.map { $0[0] ?? "" }, lines.written.map(\.text))
  }

  func testAnExistingFileOrAPlantedLinkIsNeverWrittenOver() throws {
    let source = file("journal.jsonl")
    try fileJournal(at: source)
    try JournalCopy.run(from: .file(source), to: ownDatabase)

    let existing = file("existing.jsonl")
    XCTAssertTrue(FileManager.default.createFile(atPath: existing, contents: Data("keep me\n".utf8)))
    XCTAssertThrowsError(try JournalCopy.run(from: ownDatabase, to: .file(existing))) { error in
      XCTAssertEqual(error as? JournalError, .alreadyExists(path: existing))
    }
    XCTAssertEqual(try bytes(existing), Array("keep me\n".utf8))

    // A link to where a file would go: refused, and nothing is created through it.
    let planted = file("planted.jsonl")
    let victim = file("victim")
    XCTAssertEqual(symlink(victim, planted), 0)
    XCTAssertThrowsError(try JournalCopy.run(from: ownDatabase, to: .file(planted)))
    XCTAssertFalse(FileManager.default.fileExists(atPath: victim))
    // No temporary file is left behind.
    let left = try FileManager.default.contentsOfDirectory(atPath: directory).sorted()
    XCTAssertEqual(left, ["existing.jsonl", "journal.jsonl", "planted.jsonl"])
  }

  func testADamagedSourceIsRefusedNamingItsFirstBadLineAndNothingIsCopied() throws {
    let source = file("journal.jsonl")
    try fileJournal(at: source, touchpoints: 4)
    // Line 5 (record 5): a touchpoint whose note is changed after it was written.
    var text = String(decoding: try bytes(source), as: UTF8.self).split(separator: "\n").map(String.init)
    let changed = text[4].replacingOccurrences(of: "n°1", with: "n°9")
    XCTAssertNotEqual(changed, text[4])
    text[4] = changed
    try Data((text.joined(separator: "\n") + "\n").utf8).write(to: URL(fileURLWithPath: source))

    XCTAssertThrowsError(try JournalCopy.run(from: .file(source), to: ownDatabase)) { error in
      guard let unsound = error as? JournalStreamScanner.Unsound else { return XCTFail("\(error)") }
      XCTAssertEqual(unsound.line, 5)
      XCTAssertEqual(unsound.problem.seq, 5)
      XCTAssertEqual(unsound.problem.kind, .checksumMismatch)
      XCTAssertTrue(
        unsound.description.hasPrefix("\(source) is not sound: line 5, record 5 at byte "), unsound.description)
    }
    XCTAssertEqual(try recordCount(), "0")
    let out = file("out.jsonl")
    XCTAssertThrowsError(try JournalCopy.run(from: .file(source), to: .file(out)))
    XCTAssertFalse(FileManager.default.fileExists(atPath: out))
  }

  func testATornOrUnfinishedSourceIsRefused() throws {
    let source = file("journal.jsonl")
    try fileJournal(at: source, touchpoints: 2)
    let handle = try XCTUnwrap(FileHandle(forWritingAtPath: source))
    handle.seekToEndOfFile()
    handle.write(Data("{\"schema\":1,\"seq\":6".utf8))
    handle.closeFile()
    XCTAssertThrowsError(try JournalCopy.run(from: .file(source), to: ownDatabase)) { error in
      guard let unsound = error as? JournalStreamScanner.Unsound else { return XCTFail("\(error)") }
      XCTAssertEqual(unsound.line, 6)
      XCTAssertEqual(unsound.problem.kind, .torn)
    }
    XCTAssertEqual(try recordCount(), "0")
  }

  func testARecordTheServerRefusesMidCopyLeavesTheDatabaseEmpty() throws {
    let source = file("journal.jsonl")
    // Sound for the file journal; PostgreSQL's JSON cannot turn its date's \u0000 into text, so the
    // trigger fails on it, several INSERT statements into the copy.
    try fileJournal(at: source, touchpoints: 9_000, batch: 50, last: touchpoint(0, date: "2026-11-2\u{0}"))
    XCTAssertTrue(try Journal(path: source).verify().isSound)

    XCTAssertThrowsError(try JournalCopy.run(from: .file(source), to: ownDatabase)) { error in
      guard case .storeRefused(_, let message)? = error as? JournalError else { return XCTFail("\(error)") }
      XCTAssertTrue(message.contains("\\u0000"), message)
    }
    XCTAssertEqual(try recordCount(), "0")
    // The database takes the copy once the source is one it can hold.
    let good = file("good.jsonl")
    try fileJournal(at: good, touchpoints: 3)
    XCTAssertEqual(try JournalCopy.run(from: .file(good), to: ownDatabase).records, 6)
  }

  func testOnlyTheDatabasesOwnerMayCopyIn() throws {
    let source = file("journal.jsonl")
    try fileJournal(at: source)
    let asAlice = JournalCopy.Place.database("\(server) user=alice dbname=\(database)")
    XCTAssertThrowsError(try JournalCopy.run(from: .file(source), to: asAlice)) { error in
      guard case .notAllowed(_, let reason)? = error as? JournalCopyError else { return XCTFail("\(error)") }
      XCTAssertTrue(reason.contains("connect as rapport_owner"), reason)
    }
    let bare = try bareDatabase()
    let bareAsAlice = JournalCopy.Place.database("\(server) user=alice dbname=\(bare)")
    XCTAssertThrowsError(try JournalCopy.run(from: .file(source), to: bareAsAlice)) { error in
      guard case .notAllowed(_, let reason)? = error as? JournalCopyError else { return XCTFail("\(error)") }
      XCTAssertTrue(reason.contains("the database's owner with CREATEROLE"), reason)
      XCTAssertTrue(reason.contains("connect as rapport_owner"), reason)
    }
    XCTAssertEqual(try recordCount(), "0")
    let installed = try PostgresConnection("\(server) user=rapport_owner dbname=\(bare)")
    defer { installed.close() }
    XCTAssertEqual(try installed.execute("SELECT to_regclass('rapport_journal') IS NULL").scalar, "t")
  }
}
