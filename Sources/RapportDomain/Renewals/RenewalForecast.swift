/// The renewals ahead and behind: those due in the next `days` days with their count and value per
/// health colour, the value at risk (red and yellow), and those whose date passed with no outcome.
/// A pure function of the board (its assessments), today and the window.
public struct RenewalForecast: Sendable, Equatable {
  /// How to split the forecast.
  public enum Grouping: String, Sendable, CaseIterable {
    case owner, tier
  }

  /// One renewal.
  public struct Renewal: Sendable, Equatable {
    public var account: String
    public var name: String
    public var owner: String?
    public var tier: Int
    public var date: Day
    public var health: Health
    public var score: Int?
    /// Zero when the account has no value.
    public var value: Money
  }

  /// Counts and values, per health colour and in all.
  public struct Totals: Sendable, Equatable {
    public var count = 0
    public var value = Money(cents: 0)
    public var byHealth: [Health: (count: Int, value: Money)] = [:]

    public init() {}

    /// The value of the red and yellow renewals.
    public var valueAtRisk: Money {
      Money(cents: [Health.red, .yellow].reduce(0) { $0 + (byHealth[$1]?.value.cents ?? 0) })
    }

    mutating func add(_ renewal: Renewal) {
      count += 1
      value = Money(cents: value.cents + renewal.value.cents)
      let band = byHealth[renewal.health] ?? (0, Money(cents: 0))
      byHealth[renewal.health] = (band.count + 1, Money(cents: band.value.cents + renewal.value.cents))
    }

    public static func == (lhs: Totals, rhs: Totals) -> Bool {
      lhs.count == rhs.count && lhs.value == rhs.value
        && Health.allCases.allSatisfy { lhs.byHealth[$0]?.count == rhs.byHealth[$0]?.count }
        && Health.allCases.allSatisfy { lhs.byHealth[$0]?.value == rhs.byHealth[$0]?.value }
    }
  }

  public var today: Day
  public var days: Int
  /// Renewals from today to `today + days`, soonest first.
  public var upcoming: [Renewal]
  /// Renewal dates passed with no outcome recorded, oldest first.
  public var overdue: [Renewal]
  public var totals: Totals
  /// Totals per owner or tier, when asked for (the key: owner name, "no owner", or "tier N").
  public var groups: [(key: String, totals: Totals)]

  public init(board: [Assessment], today: Day, days: Int, by grouping: Grouping? = nil) {
    self.today = today
    self.days = days
    let end = today.adding(days: days)
    var upcoming: [Renewal] = []
    var overdue: [Renewal] = []
    for item in board where item.account.stage != .churned {
      guard let date = item.account.renewal else { continue }
      let renewal = Renewal(
        account: item.account.slug, name: item.account.name, owner: item.account.owner, tier: item.account.tier,
        date: date, health: item.health.health, score: item.health.score, value: item.account.value ?? Money(cents: 0))
      if date < today { overdue.append(renewal) } else if date <= end { upcoming.append(renewal) }
    }
    self.upcoming = upcoming.sorted { ($0.date, $0.account) < ($1.date, $1.account) }
    self.overdue = overdue.sorted { ($0.date, $0.account) < ($1.date, $1.account) }
    var totals = Totals()
    for renewal in upcoming { totals.add(renewal) }
    self.totals = totals
    var grouped: [String: Totals] = [:]
    if let grouping {
      for renewal in upcoming {
        let key = grouping == .owner ? renewal.owner ?? "no owner" : "tier \(renewal.tier)"
        grouped[key, default: Totals()].add(renewal)
      }
    }
    groups = grouped.sorted { $0.key < $1.key }.map { ($0.key, $0.value) }
  }

  /// The value of the renewals whose date passed with no outcome.
  public var overdueValue: Money { Money(cents: overdue.reduce(0) { $0 + $1.value.cents }) }

  public static func == (lhs: RenewalForecast, rhs: RenewalForecast) -> Bool {
    lhs.today == rhs.today && lhs.days == rhs.days && lhs.upcoming == rhs.upcoming && lhs.overdue == rhs.overdue
      && lhs.totals == rhs.totals && lhs.groups.map(\.key) == rhs.groups.map(\.key)
      && zip(lhs.groups, rhs.groups).allSatisfy { $0.totals == $1.totals }
  }
}
