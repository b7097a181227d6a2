/// Every number the rules use, with the defaults docs/rules.md lists. Changes are `config.set` events in the
/// journal, so the configuration that held on any day can be recomputed.
public struct RulesConfig: Sendable, Equatable {
  public private(set) var values: [String: Double]

  public init() { values = Dictionary(uniqueKeysWithValues: Self.settings.map { ($0.key, $0.defaultValue) }) }

  /// One configurable number.
  public struct Setting: Sendable {
    public let key: String
    public let defaultValue: Double
    public let range: ClosedRange<Double>
    public let meaning: String
  }

  public static let settings: [Setting] = [
    Setting(key: "checkin.tier1", defaultValue: 7, range: 1...365, meaning: "days between check-ins, tier 1"),
    Setting(key: "checkin.tier2", defaultValue: 14, range: 1...365, meaning: "days between check-ins, tier 2"),
    Setting(key: "checkin.tier3", defaultValue: 30, range: 1...365, meaning: "days between check-ins, tier 3"),
    Setting(
      key: "briefing.tier1", defaultValue: 30, range: 1...365, meaning: "days between executive briefings, tier 1"),
    Setting(key: "qbr.tier1", defaultValue: 91, range: 1...730, meaning: "days between QBRs, tier 1"),
    Setting(key: "qbr.tier2", defaultValue: 91, range: 1...730, meaning: "days between QBRs, tier 2"),
    Setting(key: "review.tier3", defaultValue: 182, range: 1...730, meaning: "days between reviews, tier 3"),
    Setting(
      key: "onboarding.welcome-days", defaultValue: 2, range: 0...30,
      meaning: "days after signature for the welcome call (48 h)"),
    Setting(
      key: "onboarding.criteria-days", defaultValue: 7, range: 0...60,
      meaning: "days after signature to document success criteria"),
    Setting(
      key: "onboarding.criteria-min", defaultValue: 3, range: 1...20, meaning: "success criteria to document at least"),
    Setting(
      key: "onboarding.setup-business-days", defaultValue: 5, range: 0...60,
      meaning: "business days after signature for technical setup"),
    Setting(
      key: "onboarding.checkin-day", defaultValue: 30, range: 1...120,
      meaning: "day after signature of the 30-day check-in"),
    Setting(
      key: "onboarding.checkin-tolerance", defaultValue: 3, range: 0...30,
      meaning: "days either side of the 30-day check-in"),
    Setting(
      key: "onboarding.window-days", defaultValue: 60, range: 1...365,
      meaning: "days after signature during which onboarding plays apply"),
    Setting(
      key: "qbr.agenda-days", defaultValue: 2, range: 0...30, meaning: "days before a QBR that the agenda is due (48 h)"
    ),
    Setting(
      key: "qbr.summary-days", defaultValue: 1, range: 0...30,
      meaning: "days after a QBR that the written summary is due (24 h)"),
    Setting(key: "nps.detractor-days", defaultValue: 2, range: 0...30, meaning: "days to follow up a detractor (48 h)"),
    Setting(
      key: "nps.promoter-days", defaultValue: 14, range: 0...90,
      meaning: "days to ask a promoter for a referral or case study"),
    Setting(key: "nps.window-days", defaultValue: 180, range: 1...730, meaning: "days an NPS response counts for"),
    Setting(
      key: "nps.survey-days", defaultValue: 91, range: 1...730,
      meaning: "days without an NPS response before a survey is due (once a quarter)"),
    Setting(
      key: "onboarding.overdue-days", defaultValue: 30, range: 1...365,
      meaning: "days after signature an account may stay in onboarding"),
    Setting(
      key: "onboarding.first-value-days", defaultValue: 30, range: 1...365,
      meaning: "days after signature by which a success criterion is met (time to first value)"),
    Setting(
      key: "renewal.window-days", defaultValue: 90, range: 1...365,
      meaning: "days before renewal the conversation is due"),
    Setting(
      key: "handoff.call-days", defaultValue: 14, range: 1...90, meaning: "days after a handoff for the joint call"),
    Setting(
      key: "value.note-days", defaultValue: 30, range: 1...365,
      meaning: "days between value-delivered notes, tiers 1 and 2"),
    Setting(
      key: "weight.touch", defaultValue: 25, range: 0...100,
      meaning: "health weight: days since last meaningful touchpoint"),
    Setting(key: "weight.usage", defaultValue: 25, range: 0...100, meaning: "health weight: product usage trend"),
    Setting(key: "weight.tickets", defaultValue: 15, range: 0...100, meaning: "health weight: support tickets trend"),
    Setting(key: "weight.nps", defaultValue: 20, range: 0...100, meaning: "health weight: last NPS response"),
    Setting(key: "weight.criteria", defaultValue: 15, range: 0...100, meaning: "health weight: success criteria met"),
    Setting(key: "health.green", defaultValue: 70, range: 1...100, meaning: "lowest green score"),
    Setting(key: "health.yellow", defaultValue: 40, range: 0...100, meaning: "lowest yellow score"),
    Setting(key: "usage.window-days", defaultValue: 30, range: 7...180, meaning: "days compared for usage and tickets"),
    Setting(key: "usage.drop-warn", defaultValue: 10, range: 0...100, meaning: "usage drop (%) that scores 50"),
    Setting(
      key: "usage.drop-alert", defaultValue: 30, range: 0...100, meaning: "usage drop (%) that scores 0 and alerts"),
    Setting(
      key: "tickets.spike-min", defaultValue: 3, range: 1...1000,
      meaning: "tickets in a window, at least doubled, that score 0"),
  ]

  public static func setting(_ key: String) -> Setting? { settings.first { $0.key == key } }

  /// Validates and sets one value.
  public mutating func set(_ key: String, to value: Double) throws(DomainError) {
    guard let setting = Self.setting(key) else {
      throw .invalidValue(
        field: "config key", value: key, expected: "one of " + Self.settings.map(\.key).joined(separator: ", "))
    }
    guard value.isFinite, setting.range.contains(value) else {
      throw .invalidValue(
        field: key, value: Self.format(value),
        expected: "a number from \(Self.format(setting.range.lowerBound)) to \(Self.format(setting.range.upperBound))")
    }
    values[key] = value
  }

  public subscript(key: String) -> Double { values[key] ?? Self.setting(key)?.defaultValue ?? 0 }

  func days(_ key: String) -> Int { Int(self[key].rounded()) }

  /// The check-in interval of a tier (C in the health score).
  public func checkInDays(tier: Int) -> Int { days("checkin.tier\(min(3, max(1, tier)))") }

  /// The business-review interval of a tier: QBR for tiers 1 and 2, review for tier 3.
  public func reviewDays(tier: Int) -> Int { tier >= 3 ? days("review.tier3") : days("qbr.tier\(max(1, tier))") }

  public static func format(_ value: Double) -> String {
    value.rounded() == value && abs(value) < 1e15 ? String(Int(value)) : String(value)
  }
}
