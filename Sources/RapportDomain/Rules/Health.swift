/// The colour of a relationship.
public enum Health: String, Sendable, CaseIterable, Codable {
  case red, yellow, green, unknown

  /// Worst first: red, yellow, unknown, green.
  public var severity: Int {
    switch self {
    case .red: return 0
    case .yellow: return 1
    case .unknown: return 2
    case .green: return 3
    }
  }

  /// A letter that reads without colour (NO_COLOR, monochrome terminals).
  public var letter: String {
    switch self {
    case .red: return "R"
    case .yellow: return "Y"
    case .green: return "G"
    case .unknown: return "?"
    }
  }
}
