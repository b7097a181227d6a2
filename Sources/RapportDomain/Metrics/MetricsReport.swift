/// Every metric for the last four periods, for the whole book ("all") and, if asked, per owner or tier.
public struct MetricsReport: Sendable {
  public let kind: PeriodKind
  public let today: Day
  /// Oldest first; the last one contains today and is counted to today.
  public let periods: [ReportPeriod]
  public let grouping: MetricGrouping?
  public let metrics: [Metric]
  /// "all" first, then the groups in order.
  public let groups: [Group]
  /// The whole book's churn by reason, one list per period.
  public let churn: [[ChurnReason]]

  /// One group's figures.
  public struct Group: Sendable {
    public let name: String
    /// How many accounts the group holds (now).
    public let accounts: Int
    public let rows: [Row]

    public func row(_ metric: Metric) -> Row? { rows.first { $0.metric == metric } }
  }

  /// One metric's figures, one per period.
  public struct Row: Sendable {
    public let metric: Metric
    public let values: [MetricValue]
  }

  public static let allGroup = "all"
  public static let noOwnerGroup = "(no owner)"

  /// Computes the report. Each period's rules configuration is the one in force at its end.
  public init(
    book: Book, today: Day, period kind: PeriodKind, by grouping: MetricGrouping? = nil, periodCount: Int = 4,
    metrics: [Metric] = Metric.allCases
  ) {
    self.kind = kind
    self.today = today
    self.grouping = grouping
    self.metrics = metrics
    let periods = ReportPeriod.last(periodCount, of: kind, endingWith: today)
    self.periods = periods
    let windows = periods.map { period in
      MetricWindow(period, today: today, config: book.config(asOf: min(period.last, today)))
    }
    let accounts = book.allAccounts
    churn = windows.map { ChurnReason.list(accounts, in: $0) }
    var groups = [(Self.allGroup, accounts, Attribution.everyone)]
    if grouping == .owner {
      groups += Self.owners(of: accounts).map { owner in
        (owner ?? Self.noOwnerGroup, accounts, Attribution.owner(owner))
      }
    } else if let grouping {
      groups += Self.split(accounts, by: grouping).map { ($0, $1, Attribution.everyone) }
    }
    self.groups = groups.map { name, members, attribution in
      let current =
        if case .owner(let owner) = attribution { members.count { $0.owner == owner } } else { members.count }
      return Group(
        name: name, accounts: current,
        rows: metrics.map { metric in
          Row(
            metric: metric,
            values: windows.map { window in
              var window = window
              window.attribution = attribution
              return Metrics.value(metric, of: members, in: window)
            })
        })
    }
  }

  /// Everyone who owned an account at some time, by name, with "no owner" last.
  static func owners(of accounts: [Account]) -> [String?] {
    var all: Set<String?> = []
    for account in accounts { all.formUnion(account.owners) }
    return all.sorted { left, right in (left == nil ? 1 : 0, left ?? "") < (right == nil ? 1 : 0, right ?? "") }
  }

  /// The group an account falls in.
  public static func group(of account: Account, by grouping: MetricGrouping) -> String {
    switch grouping {
    case .owner: return account.owner ?? noOwnerGroup
    case .tier: return "tier \(account.tier)"
    }
  }

  /// Groups in order: owners by name with "(no owner)" last; tiers 1 to 3. Only groups with accounts.
  static func split(_ accounts: [Account], by grouping: MetricGrouping) -> [(String, [Account])] {
    var members: [String: [Account]] = [:]
    for account in accounts { members[group(of: account, by: grouping), default: []].append(account) }
    let names = members.keys.sorted { left, right in
      (left == noOwnerGroup ? 1 : 0, left) < (right == noOwnerGroup ? 1 : 0, right)
    }
    return names.map { ($0, members[$0] ?? []) }
  }
}
