import Foundation
import RapportJournal
import RapportPostgres
import RapportTestSupport
import XCTest

/// The end-to-end tests of `rapport` on a journal in PostgreSQL: a fresh database per test on the
/// throwaway cluster the test command starts (Scripts/postgres-cluster.sh), owned by `rapport_owner`
/// (CREATEROLE), dropped afterwards. The binary connects as a database role (`user=…` in its
/// connection string, trust authentication over the unix socket): the records' login is that role.
class PostgresCLITestCase: RapportCLITestCase {
  private(set) var cluster: TestCluster?
  private(set) var database = ""
  /// The cluster's connection string without user or database.
  var server: String { cluster?.server ?? "" }
  var superuser: String { cluster?.superuser ?? "" }

  override func setUpWithError() throws {
    try super.setUpWithError()
    let cluster = try TestCluster()
    self.cluster = cluster
    database = try cluster.createDatabase(prefix: "rapport_cli")
  }

  override func tearDownWithError() throws {
    if let cluster, !database.isEmpty { try cluster.dropDatabases([database]) }
    try super.tearDownWithError()
  }

  /// This test's database as libpq key=value pairs, connecting as `role`.
  func connectionString(as role: String) -> String { "\(server) user=\(role) dbname=\(database)" }

  /// This test's database as a `postgresql://` URI, connecting as `role` (with `password`, when given:
  /// trust authentication ignores it).
  func uri(as role: String, password: String? = nil) -> String {
    let words = Dictionary(
      server.split(separator: " ").compactMap { word -> (String, String)? in
        guard let equals = word.firstIndex(of: "=") else { return nil }
        return (String(word[..<equals]), String(word[word.index(after: equals)...]))
      }, uniquingKeysWith: { _, last in last })
    let host = words["host"] ?? "/tmp"
    let port = words["port"] ?? "5432"
    let credentials = role + (password.map { ":" + $0 } ?? "")
    return "postgresql://\(credentials)@/\(database)?host=\(host)&port=\(port)"
  }

  /// Runs `rapport ARGUMENTS` on this test's database, connected as `role`, acting as `user`.
  @discardableResult
  func run(
    _ arguments: [String], in sandbox: RapportSandbox, role: String, as user: String? = nil,
    environment extra: [String: String] = [:]
  ) throws -> RapportResult {
    var environment = ["RAPPORT_LOG": connectionString(as: role)]
    environment.merge(extra) { _, new in new }
    return try sandbox.run(arguments, user: user ?? role, environment: environment)
  }

  /// Runs `rapport ARGUMENTS` on this test's database and fails the test unless it exits 0.
  @discardableResult
  func succeed(
    _ arguments: [String], in sandbox: RapportSandbox, role: String, as user: String? = nil,
    environment extra: [String: String] = [:], file: StaticString = #filePath, line: UInt = #line
  ) throws -> RapportResult {
    let result = try run(arguments, in: sandbox, role: role, as: user, environment: extra)
    XCTAssertEqual(
      result.status, 0, "rapport \(arguments.joined(separator: " ")) failed: \(result.summary)", file: file, line: line)
    return result
  }

  /// `rapport init` on this test's database, run by its owner `rapport_owner` as "olivia".
  func initialize(_ sandbox: RapportSandbox, file: StaticString = #filePath, line: UInt = #line) throws {
    try succeed(["init"], in: sandbox, role: "rapport_owner", as: "olivia", file: file, line: line)
  }

  /// The cluster's superuser on this test's database.
  func admin() throws -> PostgresConnection {
    try PostgresConnection("\(server) user=\(superuser) dbname=\(database)")
  }

  /// The journal's lines in order, read as the superuser.
  func lines() throws -> [String] {
    let connection = try admin()
    defer { connection.close() }
    return try connection.execute("SELECT line FROM rapport_journal ORDER BY seq").rows.compactMap { $0.first ?? nil }
  }

  /// The journal's records as JSON objects, in order.
  func records() throws -> [JournalLine] {
    try JournalFile.lines(Array(try lines().map { $0 + "\n" }.joined().utf8))
  }

  /// The journal roles `login` is a member of.
  func granted(_ login: String) throws -> [String] {
    let connection = try admin()
    defer { connection.close() }
    return try connection.execute(
      """
      SELECT r.rolname FROM pg_auth_members m JOIN pg_roles r ON r.oid = m.roleid JOIN pg_roles u ON u.oid = m.member
      WHERE u.rolname = $1 AND r.rolname IN ('rapport_writer', 'rapport_reader') ORDER BY 1
      """, parameters: [login]
    ).rows.compactMap { $0.first ?? nil }
  }
}
