/// How an account moved since last week, in the words a person says at a standup: "no contact for 45
/// days; usage down 36 %", not sub-scores. Built from the trend (which measures fell, which settings
/// changed) and the readings of today, which `rapport why` shows in full.
public enum TrendWords {
  /// Why `item` got worse: each fallen measure as it reads today, largest fall first, then a change
  /// of the rules; the scores when neither explains it.
  public static func worse(_ item: Assessment) -> String {
    var parts = item.trend.fallen.compactMap { item.health.reading($0).map(words) }
    if !item.trend.settingsChanged.isEmpty { parts.append("rules changed: " + item.trend.settingsChanged) }
    if parts.isEmpty, let before = item.trend.previousScore, let now = item.health.score {
      parts.append("score \(before) → \(now)")
    }
    return parts.joined(separator: "; ")
  }

  /// The trend in one sentence: "worse since last week: …", "better since last week (+8)", "steady
  /// since last week", "new since last week" or "no data".
  public static func sinceLastWeek(_ item: Assessment) -> String {
    let trend = item.trend
    switch trend.direction {
    case .down: return "worse since last week: " + worse(item)
    case .up: return "better since last week" + (trend.change.map { " (+\($0))" } ?? "")
    case .flat: return "steady since last week"
    case .new: return item.health.score == nil ? "no data yet" : "new since last week"
    }
  }

  /// One measure's reading in words.
  public static func words(_ reading: MeasureReading) -> String {
    guard let raw = reading.rawValue else { return "no \(noun(reading.measure)) data" }
    switch reading.measure {
    case .touch:
      let days = Int(raw)
      return reading.value.hasPrefix("never") ? "never contacted in \(days) days" : "no contact for \(days) days"
    case .usage:
      let percent = Int(abs(raw).rounded())
      return raw < 0 ? "usage down \(percent) %" : raw > 0 ? "usage up \(percent) %" : "usage flat"
    case .tickets:
      // "3 opened in 30 days (1 before)" → "3 tickets in 30 days (1 before)".
      let value = reading.value
      return value.contains(" opened in ")
        ? value.replacingOccurrences(of: " opened in ", with: " tickets in ")
        : "support tickets: \(value)"
    case .nps:
      let score = Int(raw)
      return "NPS \(score)" + (score <= 6 ? " (a detractor)" : score <= 8 ? " (passive)" : "")
    case .criteria: return "success criteria: \(reading.value)"
    }
  }

  private static func noun(_ measure: Measure) -> String {
    switch measure {
    case .touch: return "contact"
    case .usage: return "usage"
    case .tickets: return "ticket"
    case .nps: return "NPS"
    case .criteria: return "success criteria"
    }
  }
}
