import Glibc
import RapportPostgres

/// The throwaway PostgreSQL cluster the test command starts (Scripts/postgres-cluster.sh), as tests
/// use it: fresh databases owned by `rapport_owner`, dropped afterwards together with the grants their
/// journals gave the cluster's login roles (roles are the server's, not a database's, so a grant
/// would otherwise hold in the next test's journal).
public struct TestCluster: Sendable {
  /// The cluster's connection string without user or database.
  public let server: String
  public let superuser: String

  /// The cluster the environment names; a failure (never a skip) when there is none: the cluster is
  /// part of the test command.
  public init() throws {
    guard let server = Self.environment("RAPPORT_TEST_POSTGRES"),
      let superuser = Self.environment("RAPPORT_TEST_POSTGRES_SUPERUSER")
    else { throw Missing() }
    self.server = server
    self.superuser = superuser
  }

  /// `database` as libpq key=value pairs, connecting as `role`.
  public func connectionString(to database: String, as role: String) -> String {
    "\(server) user=\(role) dbname=\(database)"
  }

  /// A new, empty database owned by `rapport_owner` (no schema), named `prefix` and a random suffix.
  public func createDatabase(prefix: String) throws -> String {
    let name = prefix + "_" + String(UInt64.random(in: 0...UInt64.max), radix: 16)
    let admin = try PostgresConnection(connectionString(to: "postgres", as: superuser))
    defer { admin.close() }
    try admin.execute("CREATE DATABASE \(name) OWNER rapport_owner")
    return name
  }

  /// Drops `databases` (closing their connections) and revokes the members' roles from the
  /// cluster's login roles.
  public func dropDatabases(_ databases: [String]) throws {
    let admin = try PostgresConnection(connectionString(to: "postgres", as: superuser))
    defer { admin.close() }
    for name in databases { try admin.execute("DROP DATABASE IF EXISTS \(name) WITH (FORCE)") }
    try admin.run(
      script: """
        DO $$ BEGIN
          IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'rapport_writer') THEN
            REVOKE rapport_writer, rapport_reader FROM alice, bob;
          END IF;
        END $$
        """)
  }

  /// The tests ran without the cluster the test command starts.
  public struct Missing: Error, CustomStringConvertible {
    public init() {}

    public var description: String {
      "RAPPORT_TEST_POSTGRES is not set: run the tests with `make test`, which starts a PostgreSQL cluster of its own"
        + " (or by hand: eval \"$(bash Scripts/postgres-cluster.sh start)\")"
    }
  }

  private static func environment(_ name: String) -> String? {
    getenv(name).map { String(cString: $0) }.flatMap { $0.isEmpty ? nil : $0 }
  }
}
