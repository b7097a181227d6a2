import RapportDomain
import RapportText

/// Draws a scrolling page of lines under a heading, and tells the dashboard its size for paging.
enum Page {
  static func draw(_ dashboard: Dashboard, heading: Line, lines: [Line], in body: Rect, into canvas: inout Canvas) {
    canvas.draw(heading, row: body.row, column: body.column, width: body.width, theme: dashboard.theme)
    let rect = Rect(row: body.row + 1, column: body.column, height: body.height - 1, width: body.width)
    dashboard.layout.pageHeight = max(1, rect.height)
    dashboard.layout.pageLength = lines.count
    canvas.draw(lines: lines, scroll: dashboard.state.pageScroll, in: rect, theme: dashboard.theme)
  }
}

/// The board: accounts grouped by owner or tier, counts per colour, and what moved since last week.
enum BoardView {
  static func draw(_ dashboard: Dashboard, in body: Rect, into canvas: inout Canvas) {
    let grouping = dashboard.state.boardGrouping
    var groups: [String: [Assessment]] = [:]
    for item in dashboard.rows {
      let key =
        grouping == .owner ? (item.account.owner ?? MetricsReport.noOwnerGroup) : "tier \(item.account.tier)"
      groups[key, default: []].append(item)
    }
    let names = groups.keys.sorted { left, right in
      let rank = { (name: String) in name == MetricsReport.noOwnerGroup ? 0 : 1 }
      return (rank(left), left) < (rank(right), right)
    }
    let nameWidth = 20
    var lines: [Line] = [
      [
        Segment(Cells.fit(grouping == .owner ? "OWNER" : "TIER", nameWidth), .header),
        Segment(Cells.fit("ALL", 5, right: true), .header), Segment(Cells.fit("R", 5, right: true), .header),
        Segment(Cells.fit("Y", 5, right: true), .header), Segment(Cells.fit("G", 5, right: true), .header),
        Segment(Cells.fit("?", 5, right: true), .header), Segment("   MOVERS SINCE LAST WEEK", .header),
      ]
    ]
    for name in names {
      let members = groups[name] ?? []
      let count = { (health: Health) in members.filter { $0.health.health == health }.count }
      let movers = members.filter { ($0.trend.change ?? 0) != 0 && $0.trend.direction != .flat }
        .sorted { ($0.trend.change ?? 0) < ($1.trend.change ?? 0) }
      let moverText =
        movers.isEmpty
        ? "–"
        : movers.map { "\($0.trend.arrow)\($0.account.slug) \(Cells.trend($0.trend).dropFirst())" }.joined(
          separator: ", ")
      lines.append([
        Segment(Cells.fit(name, nameWidth), name == MetricsReport.noOwnerGroup ? .unowned : .normal),
        Segment(Cells.fit(String(members.count), 5, right: true)),
        Segment(Cells.fit(String(count(.red)), 5, right: true), count(.red) > 0 ? .healthRed : .dim),
        Segment(Cells.fit(String(count(.yellow)), 5, right: true), count(.yellow) > 0 ? .healthYellow : .dim),
        Segment(Cells.fit(String(count(.green)), 5, right: true), count(.green) > 0 ? .healthGreen : .dim),
        Segment(Cells.fit(String(count(.unknown)), 5, right: true), count(.unknown) > 0 ? .healthUnknown : .dim),
        Segment("   " + moverText, movers.contains { $0.trend.direction == .down } ? .alert : .normal),
      ])
    }
    let rows = dashboard.rows
    let total = Health.allCases.map { health in "\(rows.filter { $0.health.health == health }.count) \(health.rawValue)"
    }
    lines.append([])
    lines.append([Segment("\(rows.count) accounts: " + total.joined(separator: ", "), .dim)])
    let worse = rows.filter { $0.trend.direction == .down }.sorted { ($0.trend.change ?? 0) < ($1.trend.change ?? 0) }
    if !worse.isEmpty {
      lines.append([])
      lines.append([Segment("Worse since last week", .header)])
      for item in worse {
        lines.append([
          Segment("  "), Cells.health(item), Segment(" " + Cells.fit(Cells.trend(item.trend), 6), .alert),
          Segment(Cells.fit(item.account.name, 30)), Segment(" " + item.trend.reason, .dim),
        ])
      }
    }
    let heading: Line = [
      Segment("Board by \(grouping.rawValue)", .header),
      Segment("  (o: by \(grouping == .owner ? "tier" : "owner"))", .dim),
    ]
    Page.draw(dashboard, heading: heading, lines: lines, in: body, into: &canvas)
  }
}

/// What must happen next: open plays, overdue first, the user's or everyone's.
enum DueView {
  static func draw(_ dashboard: Dashboard, in body: Rect, into canvas: inout Canvas) {
    let today = dashboard.today
    let plays = dashboard.duePlays
    let scope = dashboard.state.dueScope
    let overdue = plays.filter { $0.isOverdue(on: today) }.count
    let titleWidth = max(10, body.width - 11 - 6 - 18 - 20 - 13)
    var lines: [Line] = [
      [
        Segment(Cells.fit("DUE", 11), .header), Segment(Cells.fit("LATE", 5, right: true) + " ", .header),
        Segment(Cells.fit("ACCOUNT", 17) + " ", .header), Segment(Cells.fit("PLAY", 19) + " ", .header),
        Segment(Cells.fit("OWNER", 12) + " ", .header), Segment(Cells.fit("WHAT", titleWidth), .header),
      ]
    ]
    for play in plays {
      let late = play.isOverdue(on: today)
      lines.append([
        Segment(Cells.fit(play.due.description, 11), late ? .overdue : .normal),
        Segment(Cells.fit(late ? "\(play.daysLate(on: today))d" : "", 5, right: true) + " ", .overdue),
        Segment(Cells.fit(play.account, 17) + " "), Segment(Cells.fit(play.code.rawValue, 19) + " ", .key),
        play.owner.map { Segment(Cells.fit($0, 12) + " ") } ?? Segment(Cells.fit("NO OWNER", 12) + " ", .unowned),
        Segment(Cells.fit(play.title + (play.taskID.map { " (task \($0))" } ?? ""), titleWidth)),
      ])
    }
    if plays.isEmpty {
      lines.append([Segment(scope == .mine ? "Nothing due for \(dashboard.user). (e: everyone)" : "Nothing due.", .dim)]
      )
    }
    let heading: Line = [
      Segment(scope == .mine ? "Due for \(dashboard.user)" : "Due for everyone", .header),
      Segment("  \(plays.count) plays, ", .dim), Segment("\(overdue) overdue", overdue > 0 ? .overdue : .dim),
      Segment("  (e: \(scope == .mine ? "everyone" : "mine"))", .dim),
    ]
    Page.draw(dashboard, heading: heading, lines: lines, in: body, into: &canvas)
  }
}

/// The metrics over the last four quarters, each with a sparkline.
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

  static func draw(_ dashboard: Dashboard, in body: Rect, into canvas: inout Canvas) {
    let report = dashboard.report
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
              Cells.fit(format(value, row.metric.unit), valueWidth, right: true), value.value == nil ? .dim : .normal))
        }
        line.append(Segment("  " + sparkline(row.values.map(\.value)), .key))
        lines.append(line)
      }
    }
    let heading: Line = [
      Segment("Reports", .header),
      Segment("  by quarter, last \(report.periods.count), all \(report.groups.first?.accounts ?? 0) accounts", .dim),
    ]
    Page.draw(dashboard, heading: heading, lines: lines, in: body, into: &canvas)
  }
}

/// Every key binding.
enum HelpView {
  static let bindings: [(String, String)] = [
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
    ("Tab", "switch between the list and the timeline"),
    ("/", "filter by name, slug or owner as you type; Enter keeps it, Esc clears it"),
    ("x", "show or hide retracted entries in the timeline"),
    ("", ""),
    ("Board", ""),
    ("o", "group by owner or by tier"),
    ("", ""),
    ("Due", ""),
    ("e", "mine or everyone's"),
    ("", ""),
    ("Health", "R red · Y yellow · G green · ? no data; ↑ ↓ → trend since last week"),
    ("", ""),
    ("Entry (account list)", ""),
  ] + Dashboard.formKeys.map { (String($0.key), $0.action) } + [
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
