import Foundation
import Glibc
import RapportJournal
import RapportPostgres
import RapportTestSupport
import XCTest

/// A dashboard on a PostgreSQL journal, in a real terminal, following another office: alice watches,
/// bob appends from his own login, and bob's entry shows on alice's screen, woken by the server's
/// `NOTIFY` (her dashboard listens on `rapport_journal`), also after the listening connection is lost.
final class PostgresFollowTmuxTests: TmuxTestCase {
  private var cluster: TestCluster?
  private var database = ""
  private var server: String { cluster?.server ?? "" }
  private var superuser: String { cluster?.superuser ?? "" }

  override func setUpWithError() throws {
    try super.setUpWithError()
    let cluster = try TestCluster()
    self.cluster = cluster
    database = try cluster.createDatabase(prefix: "rapport_follow")
    let owner = try PostgresConnection(connection(as: "rapport_owner"))
    defer { owner.close() }
    try JournalSchema.install(on: owner)
  }

  override func tearDown() {
    // The dashboard first: its connections would hold the database open.
    super.tearDown()
    if let cluster, !database.isEmpty { try? cluster.dropDatabases([database]) }
  }

  private func connection(as user: String) -> String { "\(server) dbname=\(database) user=\(user)" }

  /// The journal begun by olivia (the database's owner), alice and bob members from their own
  /// logins, and one account.
  private func beginJournal() throws {
    var data = JSONObject()
    data["schema"] = .number(Double(Record.currentSchema))
    _ = try Journal(store: PostgresJournalStore(connectionString: connection(as: "rapport_owner"))).append(
      by: "olivia", login: "rapport_owner", at: .now()
    ) { _ in [EventDraft(type: Record.genesisType, data: data)] }
    let owner = ["--log", connection(as: "rapport_owner"), "--as", "olivia"]
    try sandbox.succeed(["member", "add", "olivia", "--login", "rapport_owner", "--role", "admin"] + owner)
    try sandbox.succeed(["member", "add", "alice", "--login", "alice", "--role", "member"] + owner)
    try sandbox.succeed(["member", "add", "bob", "--login", "bob", "--role", "member"] + owner)
    try sandbox.succeed(
      ["account", "add", "acme", "--name", "Acme", "--tier", "1", "--log", connection(as: "alice"), "--as", "alice"])
  }

  /// alice's dashboard on the database journal in a new tmux session; returns once the board shows.
  @discardableResult
  private func openAlicesDashboard() throws -> String {
    socket = "rapport-test-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
    try tmux(["new-session", "-d", "-s", "rapport", "-x", "100", "-y", "30", "/bin/sh"])
    try waitForPane("the shell") { !$0.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty }
    try send("PS1='ready$ '")
    try press("Enter")
    try waitForPane("the shell prompt") { $0.contains("ready$") }
    try send("TERM=xterm-256color \"$RAPPORT\" --log '\(connection(as: "alice"))' --as alice")
    try press("Enter")
    let board = try waitForPane("the board") { $0.contains(" records") && $0.contains("Acme") }
    // The status line names the database, never the connection string (which may hold a password).
    XCTAssertTrue(board.contains("alice · \(database) · "), board)
    XCTAssertFalse(board.contains("socket"), board)
    return board
  }

  /// bob, from his own login, adds an account.
  private func bobAdds(_ slug: String, named name: String) throws {
    try sandbox.succeed(
      ["account", "add", slug, "--name", name, "--tier", "2", "--log", connection(as: "bob"), "--as", "bob"],
      user: "bob")
  }

  /// The server processes of alice's that are listening for the journal's announcements.
  private func alicesListeners() throws -> [String?] {
    let admin = try PostgresConnection("\(server) user=\(superuser) dbname=postgres")
    defer { admin.close() }
    return try admin.execute(
      "SELECT pid::text FROM pg_stat_activity WHERE datname = $1 AND usename = 'alice' AND query LIKE 'LISTEN %'",
      parameters: [database]
    ).rows.map { $0[0] }
  }

  // MARK: Tests

  func testBobsAppendFromAnotherLoginShowsOnAlicesDashboard() throws {
    try beginJournal()
    let board = try openAlicesDashboard()
    let before = try XCTUnwrap(recordCount(in: board), board)
    XCTAssertFalse(board.contains("Globex"), board)
    XCTAssertEqual(try alicesListeners().count, 1, "alice's dashboard listens on the journal's channel")

    try bobAdds("globex", named: "Globex")
    let shown = try waitForPane("bob's account on alice's board", seconds: 5) {
      $0.contains("Globex") && self.recordCount(in: $0) == before + 1
    }
    XCTAssertTrue(shown.contains("alice"), "still alice's dashboard:\n\(shown)")
    try quit()
  }

  func testTheBoardStillFollowsAfterItsListeningConnectionIsLost() throws {
    try beginJournal()
    let board = try openAlicesDashboard()
    let before = try XCTUnwrap(recordCount(in: board), board)
    let listeners = try alicesListeners()
    XCTAssertEqual(listeners.count, 1)
    let admin = try PostgresConnection("\(server) user=\(superuser) dbname=postgres")
    defer { admin.close() }
    try admin.execute("SELECT pg_terminate_backend($1::int)", parameters: [listeners.first ?? nil])

    try bobAdds("globex", named: "Globex")
    let after = try waitForPane("bob's first account after the loss", seconds: 5) {
      $0.contains("Globex") && self.recordCount(in: $0) == before + 1
    }
    XCTAssertFalse(after.contains("terminating connection"), "the server's farewell stays off the screen:\n\(after)")
    // Listening again: the next append is announced as before.
    try bobAdds("initech", named: "Initech")
    try waitForPane("bob's second account", seconds: 5) {
      $0.contains("Initech") && self.recordCount(in: $0) == before + 2
    }
    XCTAssertEqual(try alicesListeners().count, 1, "the dashboard listens again")
    try quit()
  }
}
