import Glibc
import RapportJournal
import RapportPostgres
import XCTest

/// A fresh database with the journal's schema installed, on the throwaway cluster `make test` starts
/// (Scripts/postgres-cluster.sh): roles `rapport_owner` (installs, creates the journal), `alice`, `bob`.
class PostgresTestCase: XCTestCase {
  /// The cluster's connection string without user or database.
  private(set) var server = ""
  private(set) var superuser = ""
  private(set) var database = ""
  private var opened: [PostgresConnection] = []

  override func setUpWithError() throws {
    try super.setUpWithError()
    let environment = ProcessInfo.processInfo.environment
    guard let server = environment["RAPPORT_TEST_POSTGRES"],
      let superuser = environment["RAPPORT_TEST_POSTGRES_SUPERUSER"]
    else {
      // A failure, never a skip: the cluster is part of the test command.
      throw ClusterMissing()
    }
    self.server = server
    self.superuser = superuser
    let name = "rapport_test_\(EventDraft.newID().prefix(8))"
    try admin().execute("CREATE DATABASE \(name) OWNER rapport_owner")
    database = name
    try JournalSchema.install(on: connect(as: "rapport_owner"))
  }

  override func tearDownWithError() throws {
    opened.forEach { $0.close() }
    opened = []
    if !database.isEmpty {
      let admin = try PostgresConnection("\(server) user=\(superuser) dbname=postgres")
      try admin.execute("DROP DATABASE IF EXISTS \(database) WITH (FORCE)")
      // Roles are the server's, not the database's: the grants this test's members were given would
      // otherwise hold in the next test's journal.
      try admin.execute("REVOKE rapport_writer, rapport_reader FROM alice, bob")
      admin.close()
    }
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

/// The tests ran without the cluster `make test` starts.
struct ClusterMissing: Error, CustomStringConvertible {
  var description: String {
    "RAPPORT_TEST_POSTGRES is not set: run the tests with `make test`, which starts a PostgreSQL cluster of its own"
      + " (or by hand: eval \"$(bash Scripts/postgres-cluster.sh start)\")"
  }
}
