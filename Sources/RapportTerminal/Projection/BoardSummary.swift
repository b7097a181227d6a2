import RapportDomain

/// What the board shows, computed with the dashboard's rows (not on every frame or key): for both
/// groupings, each group's accounts as tiles in the R, Y, G and ? columns with the board line each
/// group starts on, and where every account's tile is; the totals; who got worse since last week.
struct BoardSummary {
  /// The board's columns, left to right.
  static let columns: [Health] = [.red, .yellow, .green, .unknown]

  struct Group {
    var name: String
    /// Rows (indices into the dashboard's rows) per column, each in the list's order (worst first).
    var tiles: [[Int]] = [[], [], [], []]
    /// The board line of the group's heading; its tiles take the lines under it.
    var line = 0
    /// Accounts of the group that got worse since last week.
    var worse = 0

    var count: Int { tiles.reduce(0) { $0 + $1.count } }
    /// Lines of tiles under the heading: the longest column.
    var depth: Int { tiles.map(\.count).max() ?? 0 }
  }

  /// One grouping's board: its groups, its length in lines, where each account's tile is.
  struct Layout {
    var groups: [Group] = []
    var lines = 0
    var places: [String: BoardPlace] = [:]

    /// The group that holds board line `line` (a heading or a tile).
    func group(atLine line: Int) -> Int {
      var low = 0
      var high = groups.count
      while high - low > 1 {
        let middle = (low + high) / 2
        if groups[middle].line <= line { low = middle } else { high = middle }
      }
      return low
    }

    /// The row under `place`, if a tile is there.
    func row(at place: BoardPlace) -> Int? {
      guard groups.indices.contains(place.group), BoardSummary.columns.indices.contains(place.column) else {
        return nil
      }
      let tiles = groups[place.group].tiles[place.column]
      return tiles.indices.contains(place.row) ? tiles[place.row] : nil
    }

    /// The board line of the tile at `place`.
    func line(of place: BoardPlace) -> Int {
      groups.indices.contains(place.group) ? groups[place.group].line + 1 + place.row : 0
    }
  }

  var byOwner = Layout()
  var byTier = Layout()
  /// Accounts per column over the book, in `columns` order.
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
      totals[Self.column(rows[index].health.health)] += 1
      if rows[index].trend.direction == .down { worse.append(index) }
    }
    worse.sort { (rows[$0].trend.change ?? 0, $0) < (rows[$1].trend.change ?? 0, $1) }
    byOwner = Self.layout(owners, rows)
    byTier = Self.layout(Dictionary(uniqueKeysWithValues: tiers.map { ("tier \($0.key)", $0.value) }), rows)
  }

  func layout(_ grouping: BoardState.Grouping) -> Layout { grouping == .owner ? byOwner : byTier }

  /// The column of `health`: R, Y, G, ?.
  static func column(_ health: Health) -> Int {
    switch health {
    case .red: return 0
    case .yellow: return 1
    case .green: return 2
    case .unknown: return 3
    }
  }

  /// Groups sorted by name (no owner first), each's tiles in the rows' order (the list's: worst first).
  private static func layout(_ members: [String: [Int]], _ rows: [Assessment]) -> Layout {
    let names = members.keys.sorted { left, right in
      let rank = { (name: String) in name == MetricsReport.noOwnerGroup ? 0 : 1 }
      return (rank(left), left) < (rank(right), right)
    }
    var layout = Layout()
    layout.places.reserveCapacity(rows.count)
    for name in names {
      var group = Group(name: name, line: layout.lines)
      for index in members[name] ?? [] {
        let column = column(rows[index].health.health)
        layout.places[rows[index].account.slug] = BoardPlace(
          group: layout.groups.count, column: column, row: group.tiles[column].count)
        group.tiles[column].append(index)
        if rows[index].trend.direction == .down { group.worse += 1 }
      }
      layout.lines += 1 + group.depth
      layout.groups.append(group)
    }
    return layout
  }
}
