import RapportDomain
import RapportText

/// What must happen next: open plays, overdue first, the user's or everyone's.
enum DueView {
  static func draw(_ state: DueState, _ env: ScreenEnvironment, in body: Rect, into canvas: inout Canvas) {
    let today = env.today
    let due = env.projection.due
    let plays = state.plays(due)
    let scope = state.scope
    let overdue = scope == .mine ? due.overdueMine : due.overdueEveryone
    // The play's code only when there is room; the owner only when the list is everyone's.
    let showCode = body.width >= 110
    let showOwner = scope == .everyone
    let dueColumn = TableColumn(title: "DUE", width: 11, gap: "")
    let lateColumn = TableColumn(title: "LATE", width: 5, right: true)
    let accountColumn = TableColumn(title: "ACCOUNT", width: 17)
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
    let empty: Line = [
      Segment(scope == .mine ? "Nothing due for \(env.user). (e: everyone)" : "Nothing due.", .dim)
    ]
    var heading: Line = [
      Segment(scope == .mine ? "Due for \(env.user)" : "Due for everyone", .header),
      Segment("  \(plays.count) plays, ", .dim), Segment("\(overdue) overdue", overdue > 0 ? .overdue : .dim),
      Segment("  (e: \(scope == .mine ? "everyone" : "mine"))", .dim),
    ]
    // What closes the play under the cursor: the evidence its rule asks for.
    if plays.indices.contains(cursor) { heading.append(Segment("  ▶ closed by " + plays[cursor].evidence, .key)) }
    // The cursor's play in view (plays start on the page's second line, under the column header).
    let scroll = state.cursor.firstShown(height: body.height - 2)
    Page.draw(
      heading: heading, count: 1 + max(1, plays.count),
      line: { index in
        if index == 0 { return header }
        guard plays.indices.contains(index - 1) else { return empty }
        let play = plays[index - 1]
        let late = play.isOverdue(on: today)
        let isCursor = index - 1 == cursor
        var line: Line = [
          isCursor ? Segment("▶", .key) : Segment(" "),
          Table.cell(play.due.description, dueColumn, late ? .overdue : .normal),
          Table.cell(late ? "\(play.daysLate(on: today))d" : "", lateColumn, .overdue),
          Table.cell(play.account, accountColumn),
        ]
        if showCode { line.append(Table.cell(play.code.rawValue, playColumn, .key)) }
        if showOwner {
          let owner = play.managedBy != nil ? "managed" : play.owner
          line.append(Table.cell(owner ?? "NO OWNER", ownerColumn, owner == nil ? .unowned : .normal))
        }
        let title =
          play.title + (play.taskID.map { " (task \($0))" } ?? "") + (play.managedBy != nil ? " · you manage" : "")
        line.append(Table.cell(title, whatColumn, isCursor ? .selected : .normal))
        return line
      }, scroll: scroll, in: body, theme: env.theme, into: &canvas)
  }
}
