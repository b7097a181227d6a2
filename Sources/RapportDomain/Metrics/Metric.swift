/// The figures `rapport report` computes. The formulas are in `Metrics`; the codes are stable (JSON, CSV).
public enum Metric: String, Sendable, CaseIterable, Codable {
  case nps
  case retention
  case nrr
  case grr
  case expansion
  case contraction
  case qbrCompletion = "qbr-completion"
  case cadenceCompletion = "cadence-completion"
  case timeToFirstValue = "time-to-first-value"
  case ticketsPerClient = "tickets-per-client"
  case touchpoints
  case valueGrowth = "value-growth"

  /// Words for people.
  public var title: String {
    switch self {
    case .nps: return "NPS"
    case .retention: return "Client retention"
    case .nrr: return "Net revenue retention"
    case .grr: return "Gross revenue retention"
    case .expansion: return "Expansion revenue"
    case .contraction: return "Contraction revenue"
    case .qbrCompletion: return "QBR completion"
    case .cadenceCompletion: return "Cadence completion"
    case .timeToFirstValue: return "Time to first value"
    case .ticketsPerClient: return "Tickets per client"
    case .touchpoints: return "Touchpoints per account"
    case .valueGrowth: return "Avg contract value growth"
    }
  }

  public var unit: MetricUnit {
    switch self {
    case .nps: return .score
    case .retention, .nrr, .grr, .qbrCompletion, .cadenceCompletion, .valueGrowth: return .percent
    case .expansion, .contraction: return .money
    case .timeToFirstValue: return .days
    case .ticketsPerClient, .touchpoints: return .ratio
    }
  }

  /// What the basis counts.
  public var basis: MetricBasis {
    switch self {
    case .nps: return .responses
    case .qbrCompletion: return .qbrs
    case .cadenceCompletion: return .checkIns
    case .retention, .nrr, .grr, .expansion, .contraction, .timeToFirstValue, .ticketsPerClient, .touchpoints,
      .valueGrowth:
      return .accounts
    }
  }
}

/// What a metric's number means.
public enum MetricUnit: String, Sendable, CaseIterable, Codable {
  /// −100 to 100 (NPS).
  case score
  /// Percent (100 = all, or no change for a ratio of values).
  case percent
  /// Currency units of contract value.
  case money
  case days
  /// A plain ratio (tickets per client, touchpoints per account).
  case ratio
}

/// What a metric's basis counts.
public enum MetricBasis: String, Sendable, CaseIterable, Codable {
  case responses, accounts, qbrs
  case checkIns = "check-ins"
}

/// One figure: its value, nil for "no data" (it rests on nothing, so there is no figure — never 0), and
/// how many responses, accounts, QBRs or check-ins it rests on.
public struct MetricValue: Sendable, Equatable, CustomStringConvertible {
  public var value: Double?
  public var basis: Int

  public init(value: Double?, basis: Int) {
    self.value = value
    self.basis = basis
  }

  public static let noData = MetricValue(value: nil, basis: 0)

  public var description: String { value.map { "\($0) (n=\(basis))" } ?? "no data" }
}

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
