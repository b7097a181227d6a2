import Glibc
import RapportJournal
import RapportPostgres
import RapportTestSupport
import XCTest

/// A fresh database with the journal's schema installed, on the throwaway cluster `make test` starts
/// (Scripts/postgres-cluster.sh): roles `rapport_owner` (installs, creates the journal), `alice`, `bob`.
class PostgresTestCase: XCTestCase {
  private(set) var cluster: TestCluster?
  private(set) var database = ""
  private var opened: [PostgresConnection] = []
  /// The cluster's connection string without user or database.
  var server: String { cluster?.server ?? "" }
  var superuser: String { cluster?.superuser ?? "" }

  override func setUpWithError() throws {
    try super.setUpWithError()
    let cluster = try TestCluster()
    self.cluster = cluster
    database = try cluster.createDatabase(prefix: "rapport_test")
    try JournalSchema.install(on: connect(as: "rapport_owner"))
  }

  override func tearDownWithError() throws {
    for connection in opened { connection.close() }
    opened = []
    if let cluster, !database.isEmpty { try cluster.dropDatabases([database]) }
    try super.tearDownWithError()
  }

  /// A connection to this test's database as `user`.
  func connect(as user: String) throws -> PostgresConnection {
    let connection = try PostgresConnection("\(server) user=\(user) dbname=\(database)")
    opened.append(connection)
    return connection
  }

  /// The cluster's superuser on this test's database.
  func admin() throws -> PostgresConnection {
    let connection = try PostgresConnection(
      "\(server) user=\(superuser) dbname=\(database.isEmpty ? "postgres" : database)")
    opened.append(connection)
    return connection
  }

  /// Appends `lines` as a writer does: one transaction, the head locked first, one INSERT statement.
  func append(_ lines: [JournalLines.Line], on connection: PostgresConnection) throws {
    try connection.transaction {
      try connection.execute(JournalSchema.lockHead)
      guard let first = lines.first else { return }
      try connection.execute(
        JournalSchema.insertBatch, parameters: [String(first.seq), lines.map(\.text).joined(separator: "\n")])
    }
  }

  /// The SQLSTATE `body` fails with, failing the test when it succeeds.
  func sqlState(
    _ body: () throws -> Void, file: StaticString = #filePath, line: UInt = #line
  ) -> PostgresError? {
    do {
      try body()
      XCTFail("expected the server to refuse", file: file, line: line)
      return nil
    } catch let error as PostgresError {
      return error
    } catch {
      XCTFail("unexpected error \(error)", file: file, line: line)
      return nil
    }
  }

  /// A journal begun by `rapport_owner` as "olivia", with alice a member and bob a viewer, appended.
  func journalWithMembers() throws -> JournalLines {
    var lines = JournalLines()
    let owner = try connect(as: "rapport_owner")
    try append(
      [
        lines.next(type: "journal.created", by: "olivia", login: "rapport_owner"),
        lines.member("alice", logins: ["alice"], role: "member", by: "olivia", login: "rapport_owner"),
        lines.member("bob", logins: ["bob"], role: "viewer", by: "olivia", login: "rapport_owner"),
      ], on: owner)
    return lines
  }

  func count(_ connection: PostgresConnection) throws -> String? {
    try connection.execute("SELECT count(*) FROM rapport_journal").scalar
  }
}
