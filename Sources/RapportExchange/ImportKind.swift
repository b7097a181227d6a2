/// What a file holds.
public enum ImportKind: String, Sendable, CaseIterable {
  case accounts, contacts, usage, tickets, nps

  public static var choices: String { allCases.map(\.rawValue).joined(separator: ", ") }

  /// What one row is, for messages ("usage sample").
  public var rowNoun: String {
    switch self {
    case .accounts: return "account"
    case .contacts: return "contact"
    case .usage: return "usage sample"
    case .tickets: return "ticket"
    case .nps: return "NPS response"
    }
  }

  /// The fields a file of this kind may carry, in the order they are shown.
  public var fields: [ImportField] {
    switch self {
    case .accounts: return [.account, .name, .tier, .stage, .owner, .manager, .signed, .renewal, .value]
    case .contacts: return [.account, .name, .firstName, .lastName, .role, .email, .sponsor]
    case .usage: return [.account, .date, .value]
    case .tickets: return [.ticket, .account, .severity, .status, .opened, .closed]
    case .nps: return [.account, .email, .contact, .score, .comment, .date]
    }
  }
}
