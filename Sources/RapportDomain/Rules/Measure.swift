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

/// One measure's reading for an account: the raw value in words, its 0–100 score (nil: no data) and
/// its weight.
public struct MeasureReading: Sendable, Equatable {
  public var measure: Measure
  /// The raw value for people: "12 days (every 7)", "−35 % (412 → 268)", "no data".
  public var value: String
  /// A number for scripts (days, percent change, score, count met), nil without data.
  public var rawValue: Double?
  public var score: Int?
  public var weight: Double

  public var hasData: Bool { score != nil }
}
