import Foundation
import Glibc
import RapportJournal
import RapportPostgres
import RapportTestSupport
import XCTest

/// `rapport journal copy`: a file journal into PostgreSQL and back, as a user runs it, against the
/// test cluster (each test on a fresh database owned by rapport_owner, whom the binary connects as).
final class JournalCopyCommandTests: RapportCLITestCase {
  private var cluster: TestCluster?
  private var databases: [String] = []
  private var server: String { cluster?.server ?? "" }
  private var superuser: String { cluster?.superuser ?? "" }

  override func setUpWithError() throws {
    try super.setUpWithError()
    cluster = try TestCluster()
  }

  override func tearDownWithError() throws {
    if let cluster, !databases.isEmpty { try cluster.dropDatabases(databases) }
    try super.tearDownWithError()
  }

  /// A fresh database owned by rapport_owner, without the schema; its connection string as `user`.
  private func freshDatabase(as user: String = "rapport_owner") throws -> (name: String, uri: String) {
    guard let cluster else { throw TestCluster.Missing() }
    let name = try cluster.createDatabase(prefix: "rapport_cli_copy")
    databases.append(name)
    return (name, connection(to: name, as: user))
  }

  private func connection(to database: String, as user: String) -> String {
    "\(server) user=\(user) dbname=\(database)"
  }

  private func records(in database: String) throws -> String? {
    let connection = try PostgresConnection("\(server) user=\(superuser) dbname=\(database)")
    defer { connection.close() }
    if try connection.execute("SELECT to_regclass('rapport_journal') IS NULL").scalar == "t" { return nil }
    return try connection.execute("SELECT count(*) FROM rapport_journal").scalar
  }

  /// A file journal with members, an imported batch and a note in several scripts.
  private func journalWithHistory(_ sandbox: RapportSandbox) throws {
    try sandbox.initWithAcme()
    try sandbox.succeed(["member", "add", "alice", "--login", Journal.processLogin, "--role", "admin"])
    try sandbox.succeed(["member", "add", "bob", "--login", "bob", "--role", "viewer"])
    let csv = sandbox.path("accounts.csv")
    try sandbox.write(Array("account,name,tier\nbeta,Beta Società,2\ngamma,Gamma 株式会社,3\n".utf8), to: csv)
    try sandbox.succeed(["import", "accounts", csv])
    try sandbox.succeed([
      "touch", "acme", "--kind", "call", "--summary", "Renouvellement — été ✓ 日本語 🎉 \"quoted\"", "--date", "2026-11-20",
    ])
  }

  // MARK: Round trip

  func testAFileCopiedIntoPostgreSQLAndBackIsByteIdenticalVerifiesAndShowsTheSameBoard() throws {
    let sandbox = try makeSandbox()
    try journalWithHistory(sandbox)
    let original = try sandbox.journalBytes()
    let lines = original.split(separator: 0x0A).count
    let database = try freshDatabase()

    let into = try sandbox.run(["journal", "copy", sandbox.journalPath, database.uri])
    XCTAssertEqual(into.status, 0, into.summary)
    let fileVerify = try sandbox.succeed(["verify", "--format", "json"]).stdout
    let head = try XCTUnwrap((try parseJSON(fileVerify) as? [String: Any])?["head"] as? String)
    XCTAssertEqual(
      into.stdoutLines,
      ["copied \(lines) records from \(sandbox.journalPath) to \(database.uri): last #\(lines), head \(head)"])
    XCTAssertEqual(try records(in: database.name), String(lines))

    let verify = try sandbox.run(["--log", database.uri, "verify"])
    XCTAssertEqual(verify.status, 0, verify.summary)
    XCTAssertTrue(verify.stdout.contains("sound, \(lines) records, last #\(lines), head \(head)"), verify.summary)

    let back = sandbox.path("back.jsonl")
    let out = try sandbox.run(["journal", "copy", database.uri, back])
    XCTAssertEqual(out.status, 0, out.summary)
    XCTAssertEqual(
      out.stdoutLines, ["copied \(lines) records from \(database.uri) to \(back): last #\(lines), head \(head)"])
    XCTAssertEqual(sandbox.bytes(of: back), original)
    XCTAssertEqual(try sandbox.runTool("/usr/bin/cmp", [sandbox.journalPath, back]).status, 0)

    let fileBoard = try sandbox.succeed(["--no-checkpoint", "board", "--format", "json"]).stdout
    let databaseBoard = try sandbox.run(["--no-checkpoint", "--log", database.uri, "board", "--format", "json"])
    XCTAssertEqual(databaseBoard.status, 0, databaseBoard.summary)
    XCTAssertEqual(databaseBoard.stdout, fileBoard)
    XCTAssertTrue(fileBoard.contains("Gamma 株式会社"))
  }

  func testAJournalWrittenOnPostgreSQLByAliceCopiesOutAsVerifySaysIt() throws {
    let sandbox = try makeSandbox()
    let database = try freshDatabase()
    // Begun on the server by its owner, who makes alice a member; alice then writes as herself.
    let owner = database.uri
    let alice = connection(to: database.name, as: "alice")
    let begin = try PostgresConnection(owner)
    try JournalSchema.install(on: begin)
    begin.close()
    let store = Journal(store: PostgresJournalStore(connectionString: owner))
    var genesis = JSONObject()
    genesis["schema"] = .number(Double(Record.currentSchema))
    _ = try store.append(by: "olivia", login: "rapport_owner") { _ in
      [EventDraft(type: Record.genesisType, data: genesis)]
    }
    _ = try store.append(by: "olivia", login: "rapport_owner") { _ in
      [
        EventDraft(
          type: "member.added",
          data: JSONObject([
            ("name", .string("alice")), ("logins", .array([.string("alice")])), ("role", .string("admin")),
          ]))
      ]
    }
    // alice's own records, through the store as the binary writes them (the CLI's write path on a
    // database is pg-cli's; this test is about reading them back out).
    let asAlice = Journal(store: PostgresJournalStore(connectionString: alice))
    _ = try asAlice.append(by: "alice", login: "alice") { _ in
      [
        EventDraft(
          type: "account.created", account: "acme",
          data: JSONObject([
            ("name", .string("Acme é")), ("tier", .number(1)), ("stage", .string("onboarding")),
            ("date", .string("2026-11-20")),
          ])),
        EventDraft(
          type: "touchpoint.logged", account: "acme",
          data: JSONObject([
            ("kind", .string("call")), ("date", .string("2026-11-20")), ("summary", .string("Bonjour ✓")),
            ("meaningful", .bool(true)),
          ])),
      ]
    }

    let verified = try sandbox.succeed(["--log", alice, "verify", "--format", "json"])
    let report = try XCTUnwrap(try parseJSON(verified.stdout) as? [String: Any])
    let head = try XCTUnwrap(report["head"] as? String)
    let lastSeq = try XCTUnwrap(report["last_seq"] as? Int)
    XCTAssertEqual(lastSeq, 4)
    XCTAssertEqual(report["sound"] as? Bool, true)

    let path = sandbox.path("out.jsonl")
    let copied = try sandbox.run(["journal", "copy", alice, path])
    XCTAssertEqual(copied.status, 0, copied.summary)
    XCTAssertEqual(copied.stdoutLines, ["copied 4 records from \(alice) to \(path): last #4, head \(head)"])
    let fileReport = try XCTUnwrap(
      try parseJSON(try sandbox.succeed(["--log", path, "verify", "--format", "json"]).stdout) as? [String: Any])
    for key in ["sound", "records", "last_seq", "head", "bytes"] {
      XCTAssertEqual("\(fileReport[key] ?? "")", "\(report[key] ?? "")", key)
    }
    let lines = try JournalFile.lines(XCTUnwrap(sandbox.bytes(of: path)))
    XCTAssertEqual(lines.map(\.by), ["olivia", "olivia", "alice", "alice"])
    XCTAssertEqual(lines.map(\.type), ["journal.created", "member.added", "account.created", "touchpoint.logged"])
    let board = try sandbox.succeed(["--no-checkpoint", "--log", path, "board", "--format", "json"]).stdout
    XCTAssertTrue(board.contains("Acme é"), board)
    XCTAssertEqual(
      lines.compactMap { $0.object["login"] as? String }, ["rapport_owner", "rapport_owner", "alice", "alice"])
  }

  // MARK: Refusals

  func testANonEmptyDatabaseOrAnExistingFileIsRefusedAndLeftAsItWas() throws {
    let sandbox = try makeSandbox()
    try journalWithHistory(sandbox)
    let database = try freshDatabase()
    try sandbox.succeed(["journal", "copy", sandbox.journalPath, database.uri])
    let held = try records(in: database.name)
    try sandbox.succeed(["touch", "acme", "--kind", "email", "--summary", "Later", "--date", "2026-11-21"])

    let again = try sandbox.run(["journal", "copy", sandbox.journalPath, database.uri])
    XCTAssertEqual(again.status, 65, again.summary)
    XCTAssertEqual(
      again.stderrLines,
      [
        "rapport: error: \(database.uri) already holds a journal of \(held ?? "?") records: a copy goes only into a"
          + " database without records; nothing was changed",
        "rapport: nothing was copied",
      ])
    XCTAssertEqual(again.stdout, "")
    XCTAssertEqual(try records(in: database.name), held)

    let existing = sandbox.path("existing.jsonl")
    try sandbox.write(Array("mine\n".utf8), to: existing)
    let over = try sandbox.run(["journal", "copy", database.uri, existing])
    XCTAssertEqual(over.status, 65, over.summary)
    XCTAssertTrue(over.stderr.contains("a file already exists at \(existing); not overwriting it"), over.summary)
    XCTAssertEqual(sandbox.bytes(of: existing), Array("mine\n".utf8))
    let onto = try sandbox.run(["journal", "copy", sandbox.journalPath, sandbox.journalPath])
    XCTAssertEqual(onto.status, 65, onto.summary)
  }

  func testADamagedSourceIsRefusedNamingItsLineAndTheDatabaseStaysEmpty() throws {
    let sandbox = try makeSandbox()
    try journalWithHistory(sandbox)
    var lines = try sandbox.journalBytes().split(separator: 0x0A, omittingEmptySubsequences: false).map(Array.init)
    // Line 2, record 2: acme's account.added, its name changed after it was written.
    let second = String(decoding: lines[1], as: UTF8.self)
    lines[1] = Array(second.replacingOccurrences(of: "Acme", with: "Acne").utf8)
    try sandbox.write(Array(lines.joined(separator: [0x0A])), to: sandbox.journalPath)
    let database = try freshDatabase()

    let copy = try sandbox.run(["journal", "copy", sandbox.journalPath, database.uri])
    XCTAssertEqual(copy.status, 65, copy.summary)
    XCTAssertTrue(
      copy.stderr.contains("rapport: error: \(sandbox.journalPath) is not sound: line 2, record 2 at byte "),
      copy.summary)
    XCTAssertTrue(copy.stderr.contains("checksum mismatch"), copy.summary)
    XCTAssertTrue(copy.stderr.contains("rapport: nothing was copied"), copy.summary)
    XCTAssertEqual(try records(in: database.name), "0")
    let out = try sandbox.run(["journal", "copy", sandbox.journalPath, sandbox.path("out.jsonl")])
    XCTAssertEqual(out.status, 65, out.summary)
    XCTAssertNil(sandbox.bytes(of: sandbox.path("out.jsonl")))
  }

  func testARecordTheServerCannotTakeMidCopyLeavesTheDatabaseEmpty() throws {
    let sandbox = try makeSandbox()
    try journalWithHistory(sandbox)
    for day in 1...9 {
      try sandbox.succeed([
        "touch", "acme", "--kind", "call", "--summary", "Call \(day)", "--date", "2026-11-0\(day)",
      ])
    }
    // A record a file journal takes (its chain is sound) but whose date PostgreSQL's JSON cannot read.
    _ = try Journal(path: sandbox.journalPath).append(by: "alice") { _ in
      [EventDraft(type: "note.added", account: "acme", data: JSONObject([("date", .string("2026-11-2\u{0}"))]))]
    }
    XCTAssertEqual(try sandbox.run(["verify"]).status, 0)
    let database = try freshDatabase()

    let copy = try sandbox.run(["journal", "copy", sandbox.journalPath, database.uri])
    XCTAssertEqual(copy.status, 65, copy.summary)
    XCTAssertTrue(copy.stderr.contains(": unsupported Unicode escape sequence"), copy.summary)
    XCTAssertTrue(copy.stderr.contains("rapport: nothing was copied"), copy.summary)
    XCTAssertEqual(try records(in: database.name), "0")
  }

  func testARoleThatDoesNotOwnTheDatabaseIsToldWhichDoes() throws {
    let sandbox = try makeSandbox()
    try journalWithHistory(sandbox)
    let database = try freshDatabase(as: "alice")
    let copy = try sandbox.run(["journal", "copy", sandbox.journalPath, database.uri])
    XCTAssertEqual(copy.status, 65, copy.summary)
    XCTAssertTrue(copy.stderr.contains("takes the database's owner with CREATEROLE"), copy.summary)
    XCTAssertTrue(copy.stderr.contains("connect as rapport_owner (user=rapport_owner)"), copy.summary)
    XCTAssertNil(try records(in: database.name))
  }
}
