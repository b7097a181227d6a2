/// The five measures of the default health model.
public enum Measure: String, Sendable, CaseIterable, Codable {
  case touch, usage, tickets, nps, criteria

  public var label: String {
    switch self {
    case .touch: return "last meaningful touch"
    case .usage: return "product usage"
    case .tickets: return "support tickets"
    case .nps: return "last NPS"
    case .criteria: return "success criteria"
    }
  }

  var weightKey: String { "weight.\(rawValue)" }
}
