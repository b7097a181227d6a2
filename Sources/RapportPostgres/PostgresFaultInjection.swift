import Glibc

/// Test-only fault injection for the PostgreSQL journal store, read once from the environment.
///
/// `RAPPORT_FAULT_POSTGRES_DROP` loses the connection of every append's first attempt:
/// - `before-commit`: the session terminates its own server process (`pg_terminate_backend`) after the
///   INSERT, before COMMIT: the server rolls the transaction back, nothing is saved.
/// - `commit-ack`: COMMIT succeeds, then the connection is closed as if its reply had been lost: the
///   write is saved but the writer cannot know it.
/// Either followed by `+unreachable` makes the reconnection that follows fail as an unreachable
/// server would, so the append cannot retry.
enum PostgresFaultInjection {
  enum Drop: String {
    case beforeCommit = "before-commit"
    case commitAck = "commit-ack"
  }

  struct Setting {
    var drop: Drop
    var unreachable: Bool
  }

  static let setting: Setting? = {
    guard let raw = getenv("RAPPORT_FAULT_POSTGRES_DROP") else { return nil }
    let words = String(cString: raw).split(separator: "+")
    guard let first = words.first, let drop = Drop(rawValue: String(first)) else { return nil }
    return Setting(drop: drop, unreachable: words.dropFirst().contains("unreachable"))
  }()

  /// Only an append's first attempt is interrupted (a process makes one store's appends in turn).
  nonisolated(unsafe) private static var fired = false

  /// After the INSERT, before COMMIT: with `before-commit`, ends this session's server process.
  static func beforeCommit(on connection: PostgresConnection) throws(PostgresError) {
    guard let setting, setting.drop == .beforeCommit, !fired else { return }
    fired = true
    try connection.execute("SELECT pg_terminate_backend(pg_backend_pid())")
  }

  /// After COMMIT: with `commit-ack`, closes the connection and fails as a lost reply does.
  static func afterCommit(on connection: PostgresConnection) throws(PostgresError) {
    guard let setting, setting.drop == .commitAck, !fired else { return }
    fired = true
    connection.close()
    throw PostgresError(
      message: "server closed the connection unexpectedly (RAPPORT_FAULT_POSTGRES_DROP=commit-ack)",
      connectionLost: true)
  }

  /// The connection for an append's attempt: with `+unreachable`, a retry's reconnection fails.
  static func reconnecting(
    _ retrying: Bool, to name: String, _ connect: () throws(PostgresError) -> PostgresConnection
  ) throws(PostgresError) -> PostgresConnection {
    if retrying, let setting, setting.unreachable {
      throw PostgresError(
        message:
          "could not connect to \(name): unreachable (RAPPORT_FAULT_POSTGRES_DROP=\(setting.drop.rawValue)+unreachable)",
        connectionLost: true)
    }
    return try connect()
  }
}
