import RapportDomain
import RapportText

/// Draws a scrolling page of lines under a heading, and tells the dashboard its size for paging.
enum Page {
  static func draw(_ dashboard: Dashboard, heading: Line, lines: [Line], in body: Rect, into canvas: inout Canvas) {
    draw(dashboard, heading: heading, count: lines.count, line: { lines[$0] }, in: body, into: &canvas)
  }

  /// The same for a long page: only the lines shown are built (`line(index)` for index in `0..<count`).
  static func draw(
    _ dashboard: Dashboard, heading: Line, count: Int, line: (Int) -> Line, in body: Rect, into canvas: inout Canvas
  ) {
    canvas.draw(heading, row: body.row, column: body.column, width: body.width, theme: dashboard.theme)
    let rect = Rect(row: body.row + 1, column: body.column, height: body.height - 1, width: body.width)
    dashboard.layout.pageHeight = max(1, rect.height)
    dashboard.layout.pageLength = count
    guard rect.height > 0 else { return }
    let first = max(0, min(dashboard.state.pageScroll, max(0, count - rect.height)))
    for offset in 0..<min(rect.height, count - first) {
      canvas.draw(
        line(first + offset), row: rect.row + offset, column: rect.column, width: rect.width, theme: dashboard.theme)
    }
  }
}

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

  func groups(_ grouping: DashboardState.BoardGrouping) -> [Group] { grouping == .owner ? byOwner : byTier }

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

/// The board: accounts grouped by owner or tier, counts per colour, and what moved since last week.
enum BoardView {
  static func draw(_ dashboard: Dashboard, in body: Rect, into canvas: inout Canvas) {
    let grouping = dashboard.state.boardGrouping
    let summary = dashboard.board
    let groups = summary.groups(grouping)
    let nameWidth = 20
    let header: Line = [
      Segment(Cells.fit(grouping == .owner ? "OWNER" : "TIER", nameWidth), .header),
      Segment(Cells.fit("ALL", 5, right: true), .header), Segment(Cells.fit("R", 5, right: true), .header),
      Segment(Cells.fit("Y", 5, right: true), .header), Segment(Cells.fit("G", 5, right: true), .header),
      Segment(Cells.fit("?", 5, right: true), .header), Segment("   MOVERS SINCE LAST WEEK", .header),
    ]
    let rows = dashboard.rows
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
      let count = { (health: Health) in group.colours[BoardSummary.colour(health)] }
      return [
        Segment(Cells.fit(group.name, nameWidth), group.name == MetricsReport.noOwnerGroup ? .unowned : .normal),
        Segment(Cells.fit(String(group.count), 5, right: true)),
        Segment(Cells.fit(String(count(.red)), 5, right: true), count(.red) > 0 ? .healthRed : .dim),
        Segment(Cells.fit(String(count(.yellow)), 5, right: true), count(.yellow) > 0 ? .healthYellow : .dim),
        Segment(Cells.fit(String(count(.green)), 5, right: true), count(.green) > 0 ? .healthGreen : .dim),
        Segment(Cells.fit(String(count(.unknown)), 5, right: true), count(.unknown) > 0 ? .healthUnknown : .dim),
        Segment("   " + movers(group), group.anyDown ? .alert : .normal),
      ]
    }
    let total = Health.allCases.map { "\(summary.totals[BoardSummary.colour($0)]) \($0.rawValue)" }
    // header, groups, blank, totals, then (blank, heading, one line per account) when some got worse.
    let totalsLine = 1 + groups.count + 1
    let worseStart = totalsLine + 3
    let count = summary.worse.isEmpty ? totalsLine + 1 : worseStart + summary.worse.count
    let heading: Line = [
      Segment("Board by \(grouping.rawValue)", .header),
      Segment("  (o: by \(grouping == .owner ? "tier" : "owner"))", .dim),
    ]
    Page.draw(
      dashboard, heading: heading, count: count,
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
      }, in: body, into: &canvas)
  }
}

/// What must happen next: open plays, overdue first, the user's or everyone's.
enum DueView {
  static func draw(_ dashboard: Dashboard, in body: Rect, into canvas: inout Canvas) {
    let today = dashboard.today
    let plays = dashboard.duePlays
    let scope = dashboard.state.dueScope
    let overdue = scope == .mine ? dashboard.due.overdueMine : dashboard.due.overdueEveryone
    // The play's code only when there is room; the owner only when the list is everyone's.
    let showCode = body.width >= 110
    let showOwner = scope == .everyone
    let titleWidth = max(10, body.width - 1 - 11 - 6 - 18 - (showCode ? 20 : 0) - (showOwner ? 13 : 0))
    let cursor = dashboard.state.dueCursor
    var header: Line = [
      Segment(" "), Segment(Cells.fit("DUE", 11), .header), Segment(Cells.fit("LATE", 5, right: true) + " ", .header),
      Segment(Cells.fit("ACCOUNT", 17) + " ", .header),
    ]
    if showCode { header.append(Segment(Cells.fit("PLAY", 19) + " ", .header)) }
    if showOwner { header.append(Segment(Cells.fit("OWNER", 12) + " ", .header)) }
    header.append(Segment(Cells.fit("WHAT", titleWidth), .header))
    let empty: Line = [
      Segment(scope == .mine ? "Nothing due for \(dashboard.user). (e: everyone)" : "Nothing due.", .dim)
    ]
    var heading: Line = [
      Segment(scope == .mine ? "Due for \(dashboard.user)" : "Due for everyone", .header),
      Segment("  \(plays.count) plays, ", .dim), Segment("\(overdue) overdue", overdue > 0 ? .overdue : .dim),
      Segment("  (e: \(scope == .mine ? "everyone" : "mine"))", .dim),
    ]
    // What closes the play under the cursor: the evidence its rule asks for.
    if plays.indices.contains(cursor) { heading.append(Segment("  ▶ closed by " + plays[cursor].evidence, .key)) }
    Page.draw(
      dashboard, heading: heading, count: 1 + max(1, plays.count),
      line: { index in
        if index == 0 { return header }
        guard plays.indices.contains(index - 1) else { return empty }
        let play = plays[index - 1]
        let late = play.isOverdue(on: today)
        let isCursor = index - 1 == cursor
        var line: Line = [
          isCursor ? Segment("▶", .key) : Segment(" "),
          Segment(Cells.fit(play.due.description, 11), late ? .overdue : .normal),
          Segment(Cells.fit(late ? "\(play.daysLate(on: today))d" : "", 5, right: true) + " ", .overdue),
          Segment(Cells.fit(play.account, 17) + " "),
        ]
        if showCode { line.append(Segment(Cells.fit(play.code.rawValue, 19) + " ", .key)) }
        if showOwner {
          let owner = play.managedBy != nil ? "managed" : play.owner
          line.append(
            owner.map { Segment(Cells.fit($0, 12) + " ") } ?? Segment(Cells.fit("NO OWNER", 12) + " ", .unowned))
        }
        line.append(
          Segment(
            Cells.fit(
              play.title + (play.taskID.map { " (task \($0))" } ?? "") + (play.managedBy != nil ? " · you manage" : ""),
              titleWidth),
            isCursor ? .selected : .normal))
        return line
      }, in: body, into: &canvas)
  }
}

/// The metrics over the last four quarters, each with a sparkline; NPS with its number of responses and
/// its band.
enum ReportsView {
  static let bars: [Character] = ["▁", "▂", "▃", "▄", "▅", "▆", "▇", "█"]

  /// One bar per value, scaled between the smallest and largest; a space for "no data".
  static func sparkline(_ values: [Double?]) -> String {
    let known = values.compactMap { $0 }
    guard let low = known.min(), let high = known.max() else { return String(repeating: " ", count: values.count) }
    return String(
      values.map { value -> Character in
        guard let value else { return " " }
        if high == low { return bars[3] }
        let level = Int(((value - low) / (high - low) * 7).rounded())
        return bars[max(0, min(7, level))]
      })
  }

  static func format(_ value: MetricValue, _ unit: MetricUnit) -> String {
    guard let number = value.value, number.isFinite else { return "no data" }
    switch unit {
    case .score: return String(Int(number.rounded()))
    case .percent: return String(Int(number.rounded())) + "%"
    case .money: return Money(units: number).description
    case .days: return String(Int(number.rounded())) + "d"
    case .ratio:
      let hundredths = Int((number * 100).rounded())
      let fraction = abs(hundredths % 100)
      return String(hundredths / 100) + "." + (fraction < 10 ? "0" : "") + String(fraction)
    }
  }

  /// A metric's cell: NPS says how many responses it rests on (`+45 n=12`).
  static func cell(_ value: MetricValue, _ metric: Metric) -> String {
    let text = format(value, metric.unit)
    guard metric == .nps, let number = value.value, number.isFinite else { return text }
    return (number.rounded() > 0 ? "+" : "") + text + " n=" + String(value.basis)
  }

  static func draw(_ dashboard: Dashboard, in body: Rect, into canvas: inout Canvas) {
    dashboard.layout.reportShown = dashboard.report != nil
    guard let report = dashboard.report else {
      canvas.draw(
        "Computing the metrics of \(dashboard.rows.count) accounts…", row: body.row + 1, column: body.column + 2,
        width: body.width - 2, style: dashboard.theme[.dim])
      return
    }
    let valueWidth = 12
    var header: Line = [Segment(Cells.fit("METRIC", 27), .header)]
    for period in report.periods { header.append(Segment(Cells.fit(period.label, valueWidth, right: true), .header)) }
    header.append(Segment("  TREND", .header))
    var lines: [Line] = [header]
    if let all = report.groups.first {
      for row in all.rows {
        var line: Line = [Segment(Cells.fit(row.metric.title, 27))]
        for value in row.values {
          line.append(
            Segment(
              Cells.fit(cell(value, row.metric), valueWidth, right: true), value.value == nil ? .dim : .normal))
        }
        line.append(Segment("  " + sparkline(row.values.map(\.value)), .key))
        lines.append(line)
        if row.metric == .nps {
          var band: Line = [Segment(Cells.fit("  band (>30 good, >50 exc.)", 27), .dim)]
          for value in row.values {
            let name = NPSBand(value)?.rawValue
            band.append(Segment(Cells.fit(name ?? "no data", valueWidth, right: true), name == nil ? .dim : .normal))
          }
          lines.append(band)
        }
      }
    }
    lines += forecastLines(RenewalForecast(board: dashboard.rows, today: dashboard.today, days: 90))
    let heading: Line = [
      Segment("Reports", .header),
      Segment("  by quarter, last \(report.periods.count), all \(report.groups.first?.accounts ?? 0) accounts", .dim),
    ]
    Page.draw(dashboard, heading: heading, lines: lines, in: body, into: &canvas)
  }
}

extension ReportsView {
  /// The renewal forecast under the metrics: the next 90 days per health colour, the value at risk, and
  /// the renewals overdue for an outcome, each by name.
  static func forecastLines(_ forecast: RenewalForecast) -> [Line] {
    let totals = forecast.totals
    var lines: [Line] = [
      [],
      [
        Segment("Renewals, next \(forecast.days) days", .header),
        Segment("  \(totals.count), value \(totals.value)", .normal),
      ],
    ]
    var bands: Line = [Segment("  ")]
    for health in [Health.red, .yellow, .green, .unknown] {
      let band = totals.byHealth[health] ?? (0, Money(cents: 0))
      bands.append(Segment("\(health.letter) \(band.count) (\(band.value))  ", Theme.role(of: health)))
    }
    lines.append(bands)
    lines.append([Segment("  value at risk (red and yellow): ", .dim), Segment("\(totals.valueAtRisk)", .overdue)])
    lines.append([
      Segment("  overdue, no outcome recorded: ", .dim),
      Segment("\(forecast.overdue.count), value \(forecast.overdueValue)", forecast.overdue.isEmpty ? .dim : .overdue),
    ])
    for renewal in forecast.overdue.prefix(10) {
      lines.append([
        Segment("    \(renewal.date)  \(renewal.name)  \(renewal.owner ?? "NO OWNER")  \(renewal.value)", .overdue)
      ])
    }
    return lines
  }
}

/// Every key binding.
enum HelpView {
  static let bindings: [(String, String)] =
    [
      ("Everywhere", ""),
      ("m  Esc", "back to the account list"),
      ("b", "health board"),
      ("d", "what is due"),
      ("r", "reports: metrics by quarter"),
      ("?", "this help"),
      ("Ctrl-L", "redraw the screen"),
      ("q", "quit"),
      ("", ""),
      ("Account list", ""),
      ("j k  ↓ ↑", "move the selection (or scroll the timeline when it has focus)"),
      ("g G  Home End", "first / last"),
      ("PgUp PgDn", "a page up / down"),
      ("Enter  Tab", "open the selected account (full-screen below 160x40); Enter or Esc goes back"),
      ("/", "filter by name, slug or owner as you type; Enter keeps it, Esc clears it"),
      ("x", "show or hide retracted entries in the timeline"),
      ("", ""),
      ("Board", ""),
      ("o", "group by owner or by tier"),
      ("", ""),
      ("Due", ""),
      ("j k", "move the cursor ▶ over the plays"),
      ("t  Enter", "close the play under ▶: a touchpoint of the right kind, a value note, a criterion, task done"),
      ("e", "mine or everyone's"),
      ("", ""),
      ("Health", "R red · Y yellow · G green · ? no data; ↑ ↓ → trend since last week"),
      ("", ""),
      ("Entry (account list)", ""),
    ] + Dashboard.formKeys.map { (String($0.key), $0.action) } + [
      ("", ""),
      ("Standup (S)", ""),
      ("Enter  s", "mark the card discussed / skipped, and go to the next"),
      ("j k  ← →  n p", "next / previous card (g G first / last)"),
      ("a", "add an action item in one line: call CFO @bob fri (text, @owner, due date)"),
      ("t", "log a touchpoint for the card's account"),
      ("o", "keep each owner's accounts together, or not"),
      ("F", "finish: record the standup and show its summary (rapport standup --last prints it again)"),
      ("Esc", "pause; S resumes where you were"),
      ("", ""),
      ("In a form", ""),
      ("Tab  Shift-Tab", "next / previous field (↓ ↑ too)"),
      ("letters  ← →", "pick a kind, stage, tier or owner by its first letters; arrows step through"),
      ("dates", "today, yesterday, -3d, +2w, YYYY-MM-DD"),
      ("Ctrl-E", "write a long summary, comment or note in $VISUAL / $EDITOR"),
      ("Enter  Esc", "save (nothing is written until the form is valid) / cancel"),
    ]

  static func draw(_ dashboard: Dashboard, in body: Rect, into canvas: inout Canvas) {
    let lines: [Line] = bindings.map { key, meaning in
      meaning.isEmpty ? [Segment(key, .header)] : [Segment("  " + Cells.fit(key, 16), .key), Segment(meaning)]
    }
    Page.draw(dashboard, heading: [Segment("Keys", .title)], lines: lines, in: body, into: &canvas)
  }
}
