/// Everything the rules say about one account today: health with its reasons, trend, alerts, plays.
public struct Assessment: Sendable, Equatable {
  public var account: Account
  public var health: HealthScore
  public var trend: Trend
  public var alerts: [AlertCode]
  public var plays: [Play]
  public var daysSinceTouch: Int?
  public var daysToRenewal: Int?
}
