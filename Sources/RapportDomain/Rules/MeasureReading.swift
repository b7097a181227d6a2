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
