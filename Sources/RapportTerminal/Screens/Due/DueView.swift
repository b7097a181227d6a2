import RapportDomain
import RapportText

/// What must happen next: open plays by urgency (overdue, most overdue first; then due soonest; the
/// stale ones, overdue more than a year, apart at the end under their own heading), the user's or
/// everyone's, narrowed by the filter.
enum DueView {
  static func draw(_ state: DueState, _ env: ScreenEnvironment, in body: Rect, into canvas: inout Canvas) {
    let today = env.today
    let plays = state.plays(env)
    let scope = state.scope
    let all = scope == .mine ? env.projection.due.mine.count : env.projection.due.everyone.count
    let overdue = DueMatches.overdue(plays, on: today)
    let staleStart = DueMatches.staleStart(plays, on: today)
    let stale = plays.count - staleStart
    // The play's code only when there is room; the owner only when the list is everyone's.
    let showCode = body.width >= 110
    let showOwner = scope == .everyone
    let dueColumn = TableColumn(title: "DUE", width: 11, gap: "")
    let lateColumn = TableColumn(title: "LATE", width: 5, right: true)
    let accountColumn = TableColumn(title: "ACCOUNT", width: body.width >= 100 ? 24 : 18)
    let playColumn = TableColumn(title: "PLAY", width: 19)
    let ownerColumn = TableColumn(title: "OWNER", width: 12)
    var columns = [dueColumn, lateColumn, accountColumn]
    if showCode { columns.append(playColumn) }
    if showOwner { columns.append(ownerColumn) }
    // The title takes the rest, after the cursor's column.
    let whatColumn = TableColumn(
      title: "WHAT", width: max(10, Table.remaining(body.width - 1, after: columns)), gap: "")
    let cursor = state.cursor.selection
    let header: Line = [Segment(" ")] + Table.header(columns + [whatColumn])
    let empty: Line = [Segment(emptyText(state, env), .dim)]
    let filtered = !state.filter.isEmpty
    var heading: Line = [
      Segment(scope == .mine ? "Due for \(env.user)" : "Due for everyone", .header),
      Segment(filtered ? "  \(plays.count) of \(all) plays, " : "  \(plays.count) plays, ", .dim),
      Segment("\(overdue) overdue", overdue > 0 ? .overdue : .dim),
      Segment(
        filtered ? "  filter \"\(TerminalText.sanitised(state.filter))\" (Esc clears)" : "",
        .key),
      Segment("  (e: \(scope == .mine ? "everyone" : "mine"))", .dim),
    ]
    // What closes the play under the cursor: the evidence its rule asks for.
    if plays.indices.contains(cursor) { heading.append(Segment("  ▶ closed by " + plays[cursor].evidence, .key)) }
    let staleHeading: Line = [
      Segment("Stale: overdue more than a year (\(stale) play\(stale == 1 ? "" : "s")): close or retract them", .dim)
    ]
    let window = Window(state, plays: plays, today: today, body: body)
    canvas.draw(heading, row: body.row, column: body.column, width: body.width, theme: env.theme)
    canvas.draw(header, row: body.row + 1, column: body.column, width: body.width, theme: env.theme)
    for offset in 0..<window.shown {
      let row = body.row + 2 + offset
      let drawn: Line
      if plays.isEmpty {
        drawn = empty
      } else if let playIndex = window.play(atLine: window.first + offset) {
        drawn = playLine(
          plays[playIndex], isCursor: playIndex == cursor, env: env,
          columns: (dueColumn, lateColumn, accountColumn, showCode ? playColumn : nil, showOwner ? ownerColumn : nil),
          what: whatColumn)
      } else {
        drawn = staleHeading
      }
      canvas.draw(drawn, row: row, column: body.column, width: body.width, theme: env.theme)
    }
  }

  private static func emptyText(_ state: DueState, _ env: ScreenEnvironment) -> String {
    if !state.filter.isEmpty { return "No play matches \"\(TerminalText.sanitised(state.filter))\". (Esc clears)" }
    return state.scope == .mine ? "Nothing due for \(env.user). (e: everyone)" : "Nothing due."
  }

  private static func playLine(
    _ play: Play, isCursor: Bool, env: ScreenEnvironment,
    columns: (due: TableColumn, late: TableColumn, account: TableColumn, code: TableColumn?, owner: TableColumn?),
    what: TableColumn
  ) -> Line {
    let today = env.today
    let late = play.isOverdue(on: today)
    // The account's name, not its id (the filter finds either).
    let name = env.book.accounts[play.account]?.name ?? play.account
    var line: Line = [
      isCursor ? Segment("▶", .key) : Segment(" "),
      Table.cell(play.due.description, columns.due, late ? .overdue : .normal),
      Table.cell(late ? "\(play.daysLate(on: today))d" : "", columns.late, .overdue),
      Table.cell(name, columns.account),
    ]
    if let column = columns.code { line.append(Table.cell(play.code.rawValue, column, .key)) }
    if let column = columns.owner {
      let owner = play.managedBy != nil ? "managed" : play.owner
      line.append(Table.cell(owner ?? "NO OWNER", column, owner == nil ? .unowned : .normal))
    }
    let title =
      play.title + (play.taskID.map { " (task \($0))" } ?? "") + (play.managedBy != nil ? " · you manage" : "")
    line.append(Table.cell(title, what, isCursor ? .selected : .normal))
    return line
  }

  /// Which lines of the list show under the column header: the plays, with the stale heading before the
  /// first stale play, scrolled so that the cursor's play is in view. Drawing and clicks share it.
  struct Window {
    /// The first line shown, and how many lines show.
    let first: Int
    let shown: Int
    private let staleStart: Int
    private let hasStale: Bool

    init(_ state: DueState, plays: [Play], today: Day, body: Rect) {
      staleStart = DueMatches.staleStart(plays, on: today)
      hasStale = staleStart < plays.count
      let lineCount = max(1, plays.count + (hasStale ? 1 : 0))
      let staleStart = staleStart
      let hasStale = hasStale
      func line(of play: Int) -> Int { play + (hasStale && play >= staleStart ? 1 : 0) }
      // The stale heading shows when the window starts at the first stale play.
      let scrollLine =
        hasStale && state.cursor.scroll == staleStart ? line(of: staleStart) - 1 : line(of: state.cursor.scroll)
      let window = ListCursor(selection: line(of: state.cursor.selection), scroll: scrollLine)
      let height = max(1, body.height - 2)
      first = min(window.firstShown(height: height), max(0, lineCount - height))
      shown = min(height, lineCount - first)
    }

    /// The play drawn on `line` of the list; nil for the stale heading.
    func play(atLine line: Int) -> Int? {
      guard hasStale, line >= staleStart else { return line }
      return line == staleStart ? nil : line - 1
    }
  }
}
