import RapportDomain
import RapportText

/// The board: accounts grouped by owner or tier, counts per colour, and what moved since last week.
enum BoardView {
  static func draw(_ state: BoardState, _ env: ScreenEnvironment, in body: Rect, into canvas: inout Canvas) {
    let grouping = state.grouping
    let summary = env.projection.board
    let groups = summary.groups(grouping)
    let nameColumn = TableColumn(title: grouping == .owner ? "OWNER" : "TIER", width: 20, gap: "")
    let number = { (title: String) in TableColumn(title: title, width: 5, right: true, gap: "") }
    let all = number("ALL")
    // A column per colour, in the board's order.
    let colours: [(Health, TableColumn, Role)] = [
      (.red, number("R"), .healthRed), (.yellow, number("Y"), .healthYellow),
      (.green, number("G"), .healthGreen), (.unknown, number("?"), .healthUnknown),
    ]
    let header: Line =
      Table.header([nameColumn, all] + colours.map(\.1)) + [Segment("   MOVERS SINCE LAST WEEK", .header)]
    let rows = env.projection.rows
    // The movers, as many as the line can show (a large group has thousands).
    func movers(_ group: BoardSummary.Group) -> String {
      guard !group.movers.isEmpty else { return "–" }
      var text = ""
      for index in group.movers where text.utf8.count < body.width {
        let trend = rows[index].trend
        text +=
          (text.isEmpty ? "" : ", ") + "\(trend.arrow)\(rows[index].account.slug) \(Cells.trend(trend).dropFirst())"
      }
      return text
    }
    func groupLine(_ group: BoardSummary.Group) -> Line {
      var line: Line = [
        Table.cell(group.name, nameColumn, group.name == MetricsReport.noOwnerGroup ? .unowned : .normal),
        Table.cell(String(group.count), all),
      ]
      for (health, column, role) in colours {
        let accounts = group.colours[BoardSummary.colour(health)]
        line.append(Table.cell(String(accounts), column, accounts > 0 ? role : .dim))
      }
      line.append(Segment("   " + movers(group), group.anyDown ? .alert : .normal))
      return line
    }
    let total = Health.allCases.map { "\(summary.totals[BoardSummary.colour($0)]) \($0.rawValue)" }
    // header, groups, blank, totals, then (blank, heading, one line per account) when some got worse.
    let totalsLine = 1 + groups.count + 1
    let worseStart = totalsLine + 3
    let count = lineCount(summary, grouping)
    let heading: Line = [
      Segment("Board by \(grouping.rawValue)", .header),
      Segment("  (o: by \(grouping == .owner ? "tier" : "owner"))", .dim),
    ]
    Page.draw(
      heading: heading, count: count,
      line: { index in
        if index == 0 { return header }
        if index <= groups.count { return groupLine(groups[index - 1]) }
        if index == totalsLine {
          return [Segment("\(summary.accounts) accounts: " + total.joined(separator: ", "), .dim)]
        }
        if index == totalsLine + 2 { return [Segment("Worse since last week", .header)] }
        guard index >= worseStart else { return [] }
        let item = rows[summary.worse[index - worseStart]]
        return [
          Segment("  "), Cells.health(item), Segment(" " + Cells.fit(Cells.trend(item.trend), 6), .alert),
          Segment(Cells.fit(item.account.name, 30)), Segment(" " + item.trend.reason, .dim),
        ]
      }, scroll: state.page.scroll, in: body, theme: env.theme, into: &canvas)
  }

  /// The board's lines: a header, the groups, a blank, the totals, then (a blank, a heading, one line
  /// per account) when some got worse.
  static func lineCount(_ summary: BoardSummary, _ grouping: BoardState.Grouping) -> Int {
    let totalsLine = 1 + summary.groups(grouping).count + 1
    return summary.worse.isEmpty ? totalsLine + 1 : totalsLine + 3 + summary.worse.count
  }
}
