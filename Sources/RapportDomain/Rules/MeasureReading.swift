/// One measure's reading for an account: the raw value in words, its 0–100 score (nil: no data) and
/// its weight.
public struct MeasureReading: Sendable, Equatable {
  /// What the reading says, kept as the numbers it is made of: a board scores every account twice
  /// (today and a week ago) and shows the words of a few, so the words are made only when asked for.
  public enum Detail: Sendable, Equatable {
    case noData
    /// Days since the last meaningful touchpoint, the tier's interval.
    case touched(days: Int, every: Int)
    /// Never touched: days since the signature (or the account's creation), the tier's interval.
    case neverTouched(days: Int, sinceSignature: Bool, every: Int)
    /// Mean usage of the last window against the one before, and the change in percent.
    case usage(percent: Double, before: Double, after: Double)
    /// Tickets opened in the last window of `days`, and in the one before.
    case tickets(recent: Int, days: Int, earlier: Int)
    /// The last NPS response in the window.
    case nps(score: Int, on: Day, contact: String?)
    /// Success criteria met of those due by today.
    case criteria(met: Int, due: Int)
    /// Words given as they are.
    case words(String)
  }

  public var measure: Measure
  public var detail: Detail
  /// A number for scripts (days, percent change, score, count met), nil without data.
  public var rawValue: Double?
  public var score: Int?
  public var weight: Double

  public init(measure: Measure, detail: Detail, rawValue: Double?, score: Int?, weight: Double) {
    self.measure = measure
    self.detail = detail
    self.rawValue = rawValue
    self.score = score
    self.weight = weight
  }

  /// A reading whose words are `value`.
  public init(measure: Measure, value: String, rawValue: Double?, score: Int?, weight: Double) {
    self.init(measure: measure, detail: .words(value), rawValue: rawValue, score: score, weight: weight)
  }

  public var hasData: Bool { score != nil }

  /// The raw value for people: "12 days ago (every 7)", "−35 % (412 → 268)", "no data".
  public var value: String {
    switch detail {
    case .noData: return "no data"
    case .touched(let days, let every): return "\(days) days ago (every \(every))"
    case .neverTouched(let days, let sinceSignature, let every):
      return "never touched; \(days) days since \(sinceSignature ? "signature" : "creation") (every \(every))"
    case .usage(let percent, let before, let after):
      return "\(Self.signed(percent)) % (\(Self.short(before)) → \(Self.short(after)))"
    case .tickets(let recent, let days, let earlier): return "\(recent) opened in \(days) days (\(earlier) before)"
    case .nps(let score, let day, let contact): return "\(score) on \(day)" + (contact.map { " from \($0)" } ?? "")
    case .criteria(let met, let due): return "\(met) of \(due) due met"
    case .words(let words): return words
    }
  }

  static func signed(_ value: Double) -> String {
    let rounded = (value * 10).rounded() / 10
    let text = rounded == rounded.rounded() ? String(Int(rounded)) : String(rounded)
    return rounded > 0 ? "+" + text : text.replacingOccurrences(of: "-", with: "−")
  }

  static func short(_ value: Double) -> String {
    value == value.rounded() && abs(value) < 1e12 ? String(Int(value)) : String((value * 10).rounded() / 10)
  }
}
