/// A failure reported by the server or by libpq: what the server said (SQLSTATE, message, detail, hint)
/// and whether the connection is gone, in which case the transaction it was in did not commit.
public struct PostgresError: Error, Sendable, Equatable, CustomStringConvertible {
  /// The five-character SQLSTATE; nil when the failure came from libpq (no server reply).
  public var sqlState: String?
  /// The primary message, without a trailing newline; never holds a password.
  public var message: String
  public var detail: String?
  public var hint: String?
  /// True when the connection was lost or could not be made: nothing sent in an open transaction
  /// was committed, and a new connection is needed.
  public var connectionLost: Bool

  public init(
    sqlState: String? = nil, message: String, detail: String? = nil, hint: String? = nil, connectionLost: Bool = false
  ) {
    self.sqlState = sqlState
    self.message = message
    self.detail = detail
    self.hint = hint
    self.connectionLost = connectionLost
  }

  /// SQLSTATE raised by Rapport's trigger for a record it refuses (`raise_exception`, class P0).
  public static let refusedRecord = "P0001"
  /// SQLSTATE for a missing privilege (a reader inserting, say).
  public static let insufficientPrivilege = "42501"

  /// Whether the server refused what was asked (a record its trigger will not take, a missing
  /// privilege, a broken constraint) rather than failing to do it: asking again will not help.
  public var isRefusal: Bool {
    guard !connectionLost, let sqlState else { return false }
    return sqlState == Self.refusedRecord || sqlState == Self.insufficientPrivilege || sqlState.hasPrefix("RJ")
      || sqlState.hasPrefix("23")
  }

  public var description: String {
    var text = message
    if let detail, !detail.isEmpty { text += " (\(detail))" }
    if let hint, !hint.isEmpty { text += "; \(hint)" }
    if let sqlState { text += " [SQLSTATE \(sqlState)]" }
    return text
  }
}
