/// The days a figure looks at: a period, cut at today when today falls inside it ("so far"), with the
/// rules configuration in force at its end.
public struct MetricWindow: Sendable, Equatable {
  /// The period's first day.
  public var first: Day
  /// The period's last day, or today when the period is not over yet.
  public var end: Day
  /// Today: what happens after it is not known yet.
  public var today: Day
  public var config: RulesConfig
  /// Whose figures: the whole book's, or one owner's (see `Attribution`).
  public var attribution: Attribution

  public init(
    first: Day, end: Day, today: Day, config: RulesConfig = RulesConfig(), attribution: Attribution = .everyone
  ) {
    self.first = first
    self.end = min(end, today)
    self.today = today
    self.config = config
    self.attribution = attribution
  }

  public init(
    _ period: ReportPeriod, today: Day, config: RulesConfig = RulesConfig(), attribution: Attribution = .everyone
  ) {
    self.init(first: period.first, end: period.last, today: today, config: config, attribution: attribution)
  }

  /// The end of the day before the period: "at period start" means then, so that the start of one period
  /// is the end of the one before it.
  public var start: Day { first.adding(days: -1) }

  /// Whether `day` lies in the window (its first day to its end, both included).
  public func contains(_ day: Day) -> Bool { first <= day && day <= end }

  /// A window ending before it begins (a period after today) holds nothing.
  public var isEmpty: Bool { end < first }
}
