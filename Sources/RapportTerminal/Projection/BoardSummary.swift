import RapportDomain
import RapportText

/// What the board shows, computed with the dashboard's rows (not on every frame): per group, its
/// accounts' colours and movers, for both groupings; the totals; who got worse since last week.
struct BoardSummary {
  struct Group {
    var name: String
    var count = 0
    /// Accounts per colour, in `Health.allCases` order.
    var colours = [0, 0, 0, 0]
    /// Rows whose score moved since last week, the largest drop first.
    var movers: [Int] = []
    var anyDown = false
  }

  var byOwner: [Group] = []
  var byTier: [Group] = []
  /// Accounts per colour over the book, in `Health.allCases` order.
  var totals = [0, 0, 0, 0]
  var accounts = 0
  /// Rows (indices into the dashboard's rows) whose health went down, the largest drop first.
  var worse: [Int] = []

  init() {}

  init(rows: [Assessment]) {
    accounts = rows.count
    // One pass over the rows, reading only the fields needed (an `Assessment` is large to copy).
    var owners: [String: [Int]] = [:]
    var tiers: [Int: [Int]] = [:]
    for index in rows.indices {
      owners[rows[index].account.owner ?? MetricsReport.noOwnerGroup, default: []].append(index)
      tiers[rows[index].account.tier, default: []].append(index)
      totals[Self.colour(rows[index].health.health)] += 1
      if rows[index].trend.direction == .down { worse.append(index) }
    }
    worse.sort { (rows[$0].trend.change ?? 0, $0) < (rows[$1].trend.change ?? 0, $1) }
    byOwner = Self.groups(owners, rows)
    byTier = Self.groups(Dictionary(uniqueKeysWithValues: tiers.map { ("tier \($0.key)", $0.value) }), rows)
  }

  func groups(_ grouping: BoardState.Grouping) -> [Group] { grouping == .owner ? byOwner : byTier }

  static func colour(_ health: Health) -> Int {
    switch health {
    case .red: return 0
    case .yellow: return 1
    case .green: return 2
    case .unknown: return 3
    }
  }

  private static func groups(_ members: [String: [Int]], _ rows: [Assessment]) -> [Group] {
    let names = members.keys.sorted { left, right in
      let rank = { (name: String) in name == MetricsReport.noOwnerGroup ? 0 : 1 }
      return (rank(left), left) < (rank(right), right)
    }
    return names.map { name in
      let indices = members[name] ?? []
      var group = Group(name: name, count: indices.count)
      for index in indices { group.colours[colour(rows[index].health.health)] += 1 }
      group.movers = indices.filter { index in
        (rows[index].trend.change ?? 0) != 0 && rows[index].trend.direction != .flat
      }.sorted { (rows[$0].trend.change ?? 0, $0) < (rows[$1].trend.change ?? 0, $1) }
      group.anyDown = group.movers.contains { rows[$0].trend.direction == .down }
      return group
    }
  }
}
