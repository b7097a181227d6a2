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
    let titleWidth = max(10, body.width - 1 - 11 - 6 - 18 - (showCode ? 20 : 0) - (showOwner ? 13 : 0))
    let cursor = state.cursor.selection
    var header: Line = [
      Segment(" "), Segment(Cells.fit("DUE", 11), .header), Segment(Cells.fit("LATE", 5, right: true) + " ", .header),
      Segment(Cells.fit("ACCOUNT", 17) + " ", .header),
    ]
    if showCode { header.append(Segment(Cells.fit("PLAY", 19) + " ", .header)) }
    if showOwner { header.append(Segment(Cells.fit("OWNER", 12) + " ", .header)) }
    header.append(Segment(Cells.fit("WHAT", titleWidth), .header))
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
      }, scroll: scroll, in: body, theme: env.theme, into: &canvas)
  }
}
