/// A person allowed to write to a journal: the name their records carry (`by`), the OS accounts they
/// write from (`login`), and their role.
public struct Member: Sendable, Equatable {
  public enum Role: String, Sendable, CaseIterable {
    /// Adds members, changes the rules' config, reassigns any account; and writes like a member.
    case admin
    /// Writes entries; reassigns only the accounts they own.
    case member
    /// Reads only.
    case viewer
  }

  public var name: String
  /// The OS logins allowed to write as `name`; empty for a journal's creator recorded before Rapport
  /// kept logins (any login may then act as the creator).
  public var logins: [String]
  public var role: Role
  /// Where their digest goes (`rapport digest`): one address (`name@example.com`), or nil.
  public var email: String?

  public init(name: String, logins: [String], role: Role, email: String? = nil) {
    self.name = name
    self.logins = logins
    self.role = role
    self.email = email
  }

  /// Whether a process running as OS account `login` may write as this member.
  public func allows(login: String?) -> Bool {
    guard !logins.isEmpty else { return true }
    guard let login else { return false }
    return logins.contains(login)
  }
}
