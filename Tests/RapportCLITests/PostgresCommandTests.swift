import Foundation
import RapportPostgres
import XCTest

/// Every `rapport` command on a journal in PostgreSQL, from the command line: `init --postgres`, the
/// same book as a file journal, members as database roles, the server's refusals (exit 65), an
/// unreachable server and a lost connection (exit 74, never a password, never a record twice),
/// tampering caught by `verify`, and `repair` refused.
final class PostgresCommandTests: PostgresCLITestCase {
  // MARK: init --postgres

  func testInitPostgresWritesTheFirstRecordAFileJournalWould() throws {
    let sandbox = try makeSandbox()
    let created = try sandbox.run(["init", "--postgres", uri(as: "rapport_owner")], user: "olivia")
    XCTAssertEqual(created.status, 0, created.summary)
    XCTAssertTrue(created.stdout.contains("created the journal in postgresql://rapport_owner@/"), created.summary)

    try sandbox.succeed(["init"], user: "olivia")
    let file = try XCTUnwrap(JournalFile.lines(try sandbox.journalBytes()).first)
    let stored = try XCTUnwrap(try records().first)
    XCTAssertEqual(try records().count, 1)
    XCTAssertEqual(stored.type, "journal.created")
    XCTAssertEqual(stored.by, "olivia")
    XCTAssertEqual(stored.object["login"] as? String, "rapport_owner", "the login is the database role")
    // The same line as a file journal's first record, but for its id, time, login and so hash.
    XCTAssertEqual(
      withoutWhoAndWhen(String(decoding: stored.bytes, as: UTF8.self)),
      withoutWhoAndWhen(String(decoding: file.bytes, as: UTF8.self)))

    let verify = try succeed(["verify"], in: sandbox, role: "rapport_owner")
    XCTAssertTrue(verify.stdout.contains("sound, 1 record, last #1"), verify.summary)
  }

  func testInitOnADatabaseHoldingAJournalIsRefusedAndChangesNothing() throws {
    let sandbox = try makeSandbox()
    try initialize(sandbox)
    try succeed(
      ["account", "add", "acme", "--name", "Acme", "--tier", "1"], in: sandbox, role: "rapport_owner", as: "olivia")
    let before = try lines()

    let again = try run(["init"], in: sandbox, role: "rapport_owner", as: "olivia")
    XCTAssertEqual(again.status, 74, "as `init` on an existing file: \(again.summary)")
    XCTAssertEqual(
      again.stderrLines,
      ["rapport: error: a journal already exists at \(connectionString(as: "rapport_owner")); not overwriting it"])
    XCTAssertEqual(try lines(), before)
  }

  func testInitPostgresRefusesGroupAndARoleThatDoesNotOwnTheDatabase() throws {
    let sandbox = try makeSandbox()
    let group = try sandbox.run(["init", "--postgres", uri(as: "rapport_owner"), "--group", "staff"])
    XCTAssertEqual(group.status, 64, group.summary)
    XCTAssertTrue(group.stderr.contains("--group applies only to a journal file"), group.summary)

    let notURI = try sandbox.run(["init", "--postgres", sandbox.path("journal.jsonl")])
    XCTAssertEqual(notURI.status, 64, notURI.summary)
    XCTAssertTrue(notURI.stderr.contains("--postgres takes a PostgreSQL connection string"), notURI.summary)

    let byAlice = try sandbox.run(["init", "--postgres", uri(as: "alice")])
    XCTAssertEqual(byAlice.status, 65, byAlice.summary)
    XCTAssertTrue(
      byAlice.stderr.contains(
        "creating a journal needs the database's owner, with CREATEROLE (for the roles rapport_writer and rapport_reader):"
          + " alice is not the owner of database \(database) (rapport_owner is), and alice may not create roles"),
      byAlice.summary)
    let connection = try admin()
    defer { connection.close() }
    XCTAssertEqual(try connection.execute("SELECT to_regclass('rapport_journal') IS NULL").scalar, "t", "nothing made")
  }

  // MARK: The same book as a file

  func testTheSameCommandsGiveTheSameBoardDueAndStandupOnAFileAndInPostgres() throws {
    let sandbox = try makeSandbox(user: "olivia")
    let csv = sandbox.path("usage.csv")
    try sandbox.write(Array("account,date,value\nacme,2026-11-01,120\nglobex,2026-11-02,7.5\n".utf8), to: csv)
    let commands: [[String]] = [
      ["account", "add", "acme", "--name", "Acme Corp", "--tier", "1"],
      ["account", "add", "globex", "--name", "Globex", "--tier", "2"],
      ["touch", "acme", "--kind", "call", "--summary", "Kickoff", "--date", "2026-11-10"],
      ["owner", "acme", "olivia", "--date", "2026-11-01"],
      ["task", "add", "acme", "Send the deck", "--due", "2026-11-20"],
      ["ticket", "open", "globex", "T-1", "--date", "2026-11-15"],
      ["import", "usage", csv],
    ]
    let reads: [[String]] = [["board", "--format", "json"], ["due"], ["standup"], ["export", "board"]]

    try sandbox.succeed(["init"])
    try initialize(sandbox)
    for command in commands {
      let onFile = try sandbox.succeed(command)
      let inDatabase = try succeed(command, in: sandbox, role: "rapport_owner", as: "olivia")
      XCTAssertEqual(
        inDatabase.stdout.replacing(/id=[0-9a-f-]+/, with: "id"), onFile.stdout.replacing(/id=[0-9a-f-]+/, with: "id"),
        command.joined(separator: " "))
    }
    for read in reads {
      let onFile = try sandbox.succeed(read)
      let inDatabase = try succeed(read, in: sandbox, role: "rapport_owner", as: "olivia")
      XCTAssertFalse(onFile.stdout.isEmpty, read.joined(separator: " "))
      XCTAssertEqual(inDatabase.stdout, onFile.stdout, read.joined(separator: " "))
    }
    XCTAssertEqual(try lines().count, try JournalFile.lines(try sandbox.journalBytes()).count)
  }

  // MARK: Checkpoints

  func testADatabaseJournalIsOpenedFromItsCheckpointWithTheSameBoard() throws {
    let sandbox = try makeSandbox(user: "olivia")
    try initialize(sandbox)
    for slug in ["acme", "globex", "initech"] {
      try succeed(
        ["account", "add", slug, "--name", slug.capitalized, "--tier", "2"], in: sandbox, role: "rapport_owner",
        as: "olivia")
    }
    let debug = ["RAPPORT_CHECKPOINT_DEBUG": "1", "RAPPORT_CHECKPOINT_MIN_RECORDS": "1"]
    func checkpointLines(_ result: RapportResult) -> [String] {
      result.stderrLines.filter { $0.hasPrefix("rapport: checkpoint: ") }.map {
        String($0.dropFirst("rapport: checkpoint: ".count))
      }
    }
    let board = ["board", "--format", "json"]
    let first = try succeed(board, in: sandbox, role: "rapport_owner", as: "olivia", environment: debug)
    XCTAssertEqual(checkpointLines(first).last?.hasPrefix("written at seq 4,"), true, first.summary)
    let second = try succeed(board, in: sandbox, role: "rapport_owner", as: "olivia", environment: debug)
    XCTAssertEqual(checkpointLines(second), ["used at seq 4, 0 records after it"], second.summary)
    XCTAssertEqual(second.stdout, first.stdout)
    // Another office appends: the next open reads only that record after the checkpoint.
    try succeed(
      ["touch", "acme", "--kind", "call", "--summary", "Renewal", "--date", "2026-11-20"], in: sandbox,
      role: "rapport_owner", as: "olivia")
    let third = try succeed(board, in: sandbox, role: "rapport_owner", as: "olivia", environment: debug)
    XCTAssertEqual(checkpointLines(third).first, "used at seq 4, 1 record after it", third.summary)
    let replayed = try succeed(
      board, in: sandbox, role: "rapport_owner", as: "olivia", environment: ["RAPPORT_NO_CHECKPOINT": "1"])
    XCTAssertEqual(third.stdout, replayed.stdout)
    // Named without the connection string's secrets, in the user's own cache.
    let folder = sandbox.directory + "/cache/rapport/checkpoints"
    XCTAssertEqual(
      try FileManager.default.contentsOfDirectory(atPath: folder).filter { $0.hasSuffix(".checkpoint") }.count, 1)
  }

  // MARK: Members are database roles

  func testMembersAreGrantedTheirRolesAndNobodyWritesAsSomebodyElse() throws {
    let sandbox = try makeSandbox()
    try initialize(sandbox)
    try succeed(
      ["account", "add", "acme", "--name", "Acme", "--tier", "1"], in: sandbox, role: "rapport_owner", as: "olivia")
    try succeed(
      ["member", "add", "olivia", "--login", "rapport_owner", "--role", "admin"], in: sandbox, role: "rapport_owner",
      as: "olivia")
    try succeed(
      ["member", "add", "alice", "--login", "alice", "--role", "admin"], in: sandbox, role: "rapport_owner",
      as: "olivia")
    // Before being a member, bob's role may not even read: the server says so (65).
    let stranger = try run(["board"], in: sandbox, role: "bob")
    XCTAssertEqual(stranger.status, 65, stranger.summary)
    XCTAssertTrue(
      stranger.stderr.contains("bob may not read this journal: permission denied for table rapport_journal"),
      stranger.summary)
    try succeed(["member", "add", "bob", "--login", "bob", "--role", "member"], in: sandbox, role: "alice")
    XCTAssertEqual(try granted("bob"), ["rapport_writer"])

    try succeed(["touch", "acme", "--kind", "call", "--summary", "Bob's call"], in: sandbox, role: "bob")
    XCTAssertEqual(try records().last?.object["login"] as? String, "bob")

    let count = try lines().count
    let asAlice = try run(
      ["touch", "acme", "--kind", "call", "--summary", "Forged"], in: sandbox, role: "bob", as: "alice")
    XCTAssertEqual(asAlice.status, 65, asAlice.summary)
    XCTAssertTrue(
      asAlice.stderr.contains("you are logged in as bob, and alice's member entry does not list that login"),
      asAlice.summary)

    try succeed(["member", "add", "bob", "--login", "bob", "--role", "viewer"], in: sandbox, role: "alice")
    XCTAssertEqual(try granted("bob"), ["rapport_reader"])
    let viewer = try run(["touch", "acme", "--kind", "call", "--summary", "Viewer's call"], in: sandbox, role: "bob")
    XCTAssertEqual(viewer.status, 65, viewer.summary)
    // Refused by the server's privileges (a viewer cannot lock the head), before the program's own check.
    XCTAssertTrue(
      viewer.stderr.contains(
        "bob may not write to this journal (a viewer, or no member's login): permission denied for function"
          + " rapport_journal_lock [SQLSTATE 42501]"),
      viewer.summary)
    XCTAssertEqual(try lines().count, count + 1, "only the viewer change was written")
    // A viewer still reads.
    XCTAssertTrue(try succeed(["board"], in: sandbox, role: "bob").stdout.contains("Acme"))
  }

  func testAMemberWhoseLoginIsNoRoleIsRefusedByTheServer() throws {
    let sandbox = try makeSandbox()
    try initialize(sandbox)
    let count = try lines().count
    let result = try run(
      ["member", "add", "ghost", "--login", "no_such_role", "--role", "member"], in: sandbox, role: "rapport_owner",
      as: "olivia")
    XCTAssertEqual(result.status, 65, result.summary)
    XCTAssertTrue(
      result.stderr.contains(
        ": record 2 refused: no_such_role is not a role of this PostgreSQL server, so member ghost"
          + " could never write from it"),
      result.summary)
    XCTAssertTrue(result.stderr.contains("[SQLSTATE RJ007]"), result.summary)
    XCTAssertEqual(try lines().count, count)
  }

  // MARK: The server out of reach, or no journal there

  func testAnUnreachableServerExits74NamingItWithoutThePassword() throws {
    let sandbox = try makeSandbox()
    let target = "postgresql://alice:s3cret-pw@/\(database)?host=\(sandbox.path("no-server"))&port=5432"
    for command in [["board"], ["touch", "acme", "--kind", "call", "--summary", "Hi"], ["verify"], ["init"]] {
      let result = try sandbox.run(command + ["--log", target])
      XCTAssertEqual(result.status, 74, "\(command): \(result.summary)")
      XCTAssertTrue(
        result.stderr.contains("postgresql://alice:***@/\(database)?host="), "\(command): \(result.summary)")
      XCTAssertTrue(result.stderr.contains("could not connect"), "\(command): \(result.summary)")
      XCTAssertFalse(result.stderr.contains("s3cret-pw"), "\(command): \(result.summary)")
      XCTAssertFalse(result.stdout.contains("s3cret-pw"), "\(command): \(result.summary)")
    }
  }

  func testADatabaseWithoutAJournalSaysThereIsNone() throws {
    let sandbox = try makeSandbox()
    let expected =
      "rapport: error: no journal at \(connectionString(as: "rapport_owner")) (create one there with `rapport init --postgres URI`,"
      + " run as the database's owner, or point --log or RAPPORT_LOG at another journal)"
    let empty = try run(["board"], in: sandbox, role: "rapport_owner")
    XCTAssertEqual(empty.status, 74, empty.summary)
    XCTAssertEqual(empty.stderrLines, [expected])

    // The schema installed, but no first record yet: still no journal.
    let owner = try PostgresConnection(connectionString(as: "rapport_owner"))
    try JournalSchema.install(on: owner)
    owner.close()
    let installed = try run(["touch", "acme", "--kind", "call", "--summary", "Hi"], in: sandbox, role: "rapport_owner")
    XCTAssertEqual(installed.status, 74, installed.summary)
    XCTAssertEqual(installed.stderrLines, [expected])
    let verify = try run(["verify"], in: sandbox, role: "rapport_owner")
    XCTAssertEqual(verify.stderrLines, [expected], verify.summary)
  }

  // MARK: verify and repair

  func testVerifyCatchesASuperusersRewriteAndADeletedRecord() throws {
    let sandbox = try makeSandbox()
    try initialize(sandbox)
    try succeed(
      ["account", "add", "acme", "--name", "Acme", "--tier", "1"], in: sandbox, role: "rapport_owner", as: "olivia")
    for number in 1...3 {
      try succeed(
        ["touch", "acme", "--kind", "call", "--summary", "Call \(number)"], in: sandbox, role: "rapport_owner",
        as: "olivia")
    }
    let sound = try succeed(["verify"], in: sandbox, role: "rapport_owner")
    XCTAssertTrue(sound.stdout.contains("sound, 5 records, last #5"), sound.summary)
    // No head memory for a database: nothing remembered under the connection string.
    let heads = (try? String(contentsOfFile: sandbox.stateHome + "/rapport/heads.tsv", encoding: .utf8)) ?? ""
    XCTAssertFalse(heads.contains(database), heads)

    let connection = try admin()
    defer { connection.close() }
    try connection.run(
      script: """
        ALTER TABLE rapport_journal DISABLE TRIGGER USER;
        UPDATE rapport_journal SET line = replace(line, 'Call 1', 'Call 9') WHERE seq = 3;
        ALTER TABLE rapport_journal ENABLE TRIGGER USER;
        """)
    let rewritten = try run(["verify"], in: sandbox, role: "rapport_owner")
    XCTAssertEqual(rewritten.status, 1, rewritten.summary)
    XCTAssertTrue(rewritten.stdout.contains("NOT sound: first bad record 3 at byte"), rewritten.summary)
    let json = try run(["verify", "--format", "json"], in: sandbox, role: "rapport_owner")
    XCTAssertEqual(json.status, 1, json.summary)
    let report = try XCTUnwrap(try parseJSON(json.stdout) as? [String: Any])
    let problems = try XCTUnwrap(report["problems"] as? [[String: Any]])
    XCTAssertEqual((problems.first?["seq"] as? NSNumber)?.intValue, 3, json.stdout)

    try connection.run(
      script: """
        ALTER TABLE rapport_journal DISABLE TRIGGER USER;
        UPDATE rapport_journal SET line = replace(line, 'Call 9', 'Call 1') WHERE seq = 3;
        DELETE FROM rapport_journal WHERE seq = 4;
        ALTER TABLE rapport_journal ENABLE TRIGGER USER;
        """)
    let deleted = try run(["verify"], in: sandbox, role: "rapport_owner")
    XCTAssertEqual(deleted.status, 1, deleted.summary)
    XCTAssertTrue(deleted.stdout.contains("NOT sound: first bad record"), deleted.summary)
    XCTAssertFalse(deleted.stdout.contains("first bad record 3 "), "record 3 is itself again: \(deleted.summary)")
  }

  func testRepairIsRefusedForADatabase() throws {
    let sandbox = try makeSandbox()
    try initialize(sandbox)
    let result = try run(["repair", "--yes"], in: sandbox, role: "rapport_owner", as: "olivia")
    XCTAssertEqual(result.status, 64, result.summary)
    XCTAssertEqual(
      result.stderrLines,
      [
        "rapport: error: `rapport repair` applies only to a journal file; \(connectionString(as: "rapport_owner")) is a"
          + " journal in a database",
        "rapport: the server keeps a journal in a database append-only; `rapport verify` checks it",
      ])
  }

  // MARK: A lost connection

  func testAConnectionLostBeforeCommitIsRetriedAndWritesOnce() throws {
    let sandbox = try makeSandbox()
    try initialize(sandbox)
    try succeed(
      ["account", "add", "acme", "--name", "Acme", "--tier", "1"], in: sandbox, role: "rapport_owner", as: "olivia")
    let result = try succeed(
      ["touch", "acme", "--kind", "call", "--summary", "Through a dropped connection"], in: sandbox,
      role: "rapport_owner", as: "olivia", environment: ["RAPPORT_FAULT_POSTGRES_DROP": "before-commit"])
    XCTAssertEqual(result.saved.map(\.seq), [3], result.summary)
    XCTAssertEqual(try records().filter { $0.type == "touchpoint.logged" }.map(\.id), result.saved.map(\.id))
    XCTAssertEqual(try run(["verify"], in: sandbox, role: "rapport_owner").status, 0)
  }

  func testACommitWhoseReplyWasLostIsFoundByItsIdAndNotWrittenTwice() throws {
    let sandbox = try makeSandbox()
    try initialize(sandbox)
    let csv = sandbox.path("accounts.csv")
    try sandbox.write(Array("slug,name,tier\nacme,Acme,1\nglobex,Globex,2\n".utf8), to: csv)
    let result = try succeed(
      ["import", "accounts", csv], in: sandbox, role: "rapport_owner", as: "olivia",
      environment: ["RAPPORT_FAULT_POSTGRES_DROP": "commit-ack"])
    XCTAssertTrue(result.stdout.contains("added 2"), result.summary)
    let stored = try records()
    XCTAssertEqual(stored.map(\.type), ["journal.created", "account.created", "account.created"])
    XCTAssertEqual(Set(stored.compactMap(\.id)).count, 3, "no record twice")
  }

  func testALostConnectionThatCannotBeMadeAgainSaysWhetherTheWriteWasSaved() throws {
    let sandbox = try makeSandbox()
    try initialize(sandbox)
    try succeed(
      ["account", "add", "acme", "--name", "Acme", "--tier", "1"], in: sandbox, role: "rapport_owner", as: "olivia")
    let touch = ["touch", "acme", "--kind", "call", "--summary", "Lost"]

    let notSaved = try run(
      touch, in: sandbox, role: "rapport_owner", as: "olivia",
      environment: ["RAPPORT_FAULT_POSTGRES_DROP": "before-commit+unreachable"])
    XCTAssertEqual(notSaved.status, 74, notSaved.summary)
    XCTAssertTrue(
      notSaved.stderr.contains("the connection was lost while appending"), notSaved.summary)
    XCTAssertTrue(
      notSaved.stderr.contains("nothing was saved: running the command again is safe"), notSaved.summary)
    XCTAssertEqual(try lines().count, 2, "nothing half-written")

    let inDoubt = try run(
      touch, in: sandbox, role: "rapport_owner", as: "olivia",
      environment: ["RAPPORT_FAULT_POSTGRES_DROP": "commit-ack+unreachable"])
    XCTAssertEqual(inDoubt.status, 74, inDoubt.summary)
    let saved = try XCTUnwrap(try records().last)
    XCTAssertEqual(saved.seq, 3)
    XCTAssertTrue(
      inDoubt.stderr.contains("the write may have been saved as record #3 (id=\(saved.id ?? "?"))"), inDoubt.summary)
    XCTAssertTrue(inDoubt.stderr.contains("run `rapport verify`"), inDoubt.summary)
    XCTAssertEqual(try lines().count, 3)
  }

  // MARK: Helpers

  /// A record's line without what differs between two journals: its id, time, login and hash.
  private func withoutWhoAndWhen(_ line: String) -> String {
    line.replacing(/"id":"[^"]*"/, with: "\"id\":_").replacing(/"at":"[^"]*"/, with: "\"at\":_")
      .replacing(/"login":"[^"]*"/, with: "\"login\":_").replacing(/"hash":"[0-9a-f]{64}"/, with: "\"hash\":_")
  }
}
