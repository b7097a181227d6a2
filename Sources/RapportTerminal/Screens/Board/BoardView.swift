import RapportDomain
import RapportText

/// The board: a heading with the totals, the account under the cursor and how it moved since last
/// week in words, then the R, Y, G and ? columns (each headed by its count) with the accounts as
/// tiles, group by group. Every tile carries its health letter, so the board reads without colour.
enum BoardView {
  /// Lines above the tiles: the heading, the selected account, its trend in words, the column headers.
  static let headerLines = 4

  /// Board lines shown at once under the header lines.
  static func tileHeight(_ body: Rect) -> Int { max(1, body.height - headerLines) }

  static func draw(_ state: BoardState, _ env: ScreenEnvironment, in body: Rect, into canvas: inout Canvas) {
    let summary = env.projection.board
    let layout = summary.layout(state.grouping)
    let rows = env.projection.rows
    let theme = env.theme
    func put(_ line: Line, _ offset: Int) {
      guard offset < body.height else { return }
      canvas.draw(line, row: body.row + offset, column: body.column, width: body.width, theme: theme)
    }
    put(heading(state.grouping, summary), 0)
    guard !layout.groups.isEmpty else {
      put([Segment("No accounts yet.", .dim)], 2)
      return
    }
    let selected = layout.row(at: state.place).map { rows[$0] }
    if let selected {
      put(selectedLine(selected), 1)
      put(trendLine(selected, width: body.width), 2)
    }
    let width = columnWidth(body.width)
    var headers: Line = []
    for (column, health) in BoardSummary.columns.enumerated() {
      let title = "\(health.letter) \(health == .unknown ? "no data" : health.rawValue) \(summary.totals[column])"
      headers += Cells.fitted(title, width, Theme.role(of: health))
      if column + 1 < BoardSummary.columns.count { headers.append(Segment(" ")) }
    }
    put(headers, 3)
    let height = tileHeight(body)
    let first = max(0, min(state.scroll, layout.lines - height))
    for offset in 0..<min(height, layout.lines - first) {
      put(line(first + offset, layout, rows, cursor: state.place, width: width), headerLines + offset)
    }
  }

  /// Each column's width: four columns with a blank between them.
  static func columnWidth(_ width: Int) -> Int { max(8, (width - 3) / 4) }

  private static func heading(_ grouping: BoardState.Grouping, _ summary: BoardSummary) -> Line {
    [
      Segment("Board by \(grouping.rawValue)", .header),
      Segment("  \(summary.accounts) accounts", .dim),
      Segment(
        summary.worse.isEmpty ? "" : ", \(summary.worse.count) worse since last week",
        summary.worse.isEmpty ? .dim : .alert),
      Segment("  (o: by \(grouping == .owner ? "tier" : "owner"))", .dim),
    ]
  }

  /// "▶ Acme Corporation (acme) · ana · tier 1 · R 38 ↓−12 · Enter opens"
  private static func selectedLine(_ item: Assessment) -> Line {
    let account = item.account
    var line: Line = [
      Segment("▶ ", .key), Segment(TerminalText.sanitised(account.name), .header),
      Segment(TerminalText.sanitised(" (\(account.slug)) · \(account.owner ?? "NO OWNER") · tier \(account.tier) · ")),
      Cells.health(item), Segment(item.health.score.map { " \($0)" } ?? " –"),
    ]
    if item.trend.direction == .down || item.trend.direction == .up {
      line.append(Segment(" " + Cells.trend(item.trend), item.trend.direction == .down ? .alert : .normal))
    }
    line.append(Segment(" · Enter opens", .dim))
    return line
  }

  /// How the selected account moved since last week, in words; "↓ " for "worse since last week: "
  /// when the words need the room.
  private static func trendLine(_ item: Assessment, width: Int) -> Line {
    let isWorse = item.trend.direction == .down
    var text = "  " + TrendWords.sinceLastWeek(item)
    if isWorse, TerminalText.width(of: text) > width { text = "↓ " + TrendWords.worse(item) }
    return [Segment(text, isWorse ? .alert : .dim)]
  }

  /// Board line `index`: a group's heading, or a row of its tiles across the columns.
  private static func line(
    _ index: Int, _ layout: BoardSummary.Layout, _ rows: [Assessment], cursor: BoardPlace, width: Int
  ) -> Line {
    let groupIndex = layout.group(atLine: index)
    let group = layout.groups[groupIndex]
    guard index > group.line else { return groupHeading(group) }
    let row = index - group.line - 1
    var line: Line = []
    for column in BoardSummary.columns.indices {
      let tiles = group.tiles[column]
      let isCursor = cursor == BoardPlace(group: groupIndex, column: column, row: row)
      if tiles.indices.contains(row) {
        line += tile(rows[tiles[row]], width: width, isCursor: isCursor)
      } else {
        line.append(Segment(String(repeating: " ", count: width)))
      }
      if column + 1 < BoardSummary.columns.count { line.append(Segment(" ")) }
    }
    return line
  }

  /// "alice  20 accounts: 3 R · 4 Y · 12 G · 1 ?, 2 worse"
  private static func groupHeading(_ group: BoardSummary.Group) -> Line {
    let counts = BoardSummary.columns.enumerated().map { "\(group.tiles[$0.offset].count) \($0.element.letter)" }
    return [
      Segment(TerminalText.sanitised(group.name), group.name == MetricsReport.noOwnerGroup ? .unowned : .header),
      Segment("  \(group.count) account\(group.count == 1 ? "" : "s"): " + counts.joined(separator: " · "), .dim),
      Segment(group.worse > 0 ? ", \(group.worse) worse" : "", .alert),
    ]
  }

  /// One tile: the cursor mark, the health letter, the score (when the column is wide enough: the
  /// selected account's line always shows it), the name, ↓ or ↑ when it moved.
  private static func tile(_ item: Assessment, width: Int, isCursor: Bool) -> Line {
    let scoreWidth = width >= 24 ? 4 : 0
    let score = scoreWidth > 0 ? Cells.fit(item.health.score.map(String.init) ?? "–", scoreWidth, right: true) : ""
    let arrow = item.trend.direction == .down || item.trend.direction == .up ? item.trend.arrow : " "
    let name = Cells.fit(item.account.name, max(1, width - 4 - scoreWidth))
    if isCursor {
      return [Segment("▶", .key), Segment(item.health.health.letter + score + " " + name + arrow, .selected)]
    }
    return [
      Segment(" "), Cells.health(item), Segment(score + " " + name),
      Segment(arrow, item.trend.direction == .down ? .alert : .normal),
    ]
  }
}
