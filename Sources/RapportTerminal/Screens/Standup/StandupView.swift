import RapportDomain
import RapportText

/// The standup, full-screen: a progress line, then one card (the account, why it is on the agenda, its
/// health, its plays, what changed since the last standup, its action items), or the summary when done.
enum StandupView {
  /// Draws `standup`; an action item being typed over the card is drawn under it (a form over the card is
  /// drawn by the shell, over everything).
  static func draw(_ standup: StandupModal, _ env: ScreenEnvironment, in body: Rect, into canvas: inout Canvas) {
    let session = standup.session
    let theme = env.theme
    if let summary = session.summary {
      Page.draw(
        heading: [Segment("Standup recorded", .title)], lines: summaryLines(summary),
        scroll: standup.summaryPage.scroll, in: body, theme: theme, into: &canvas)
      return
    }
    canvas.draw(progress(session), row: body.row, column: body.column, width: body.width, theme: theme)
    var rest = Rect(row: body.row + 1, column: body.column, height: body.height - 1, width: body.width)
    if case .actionItem(let line, let error, let cursor) = standup.inner {
      rest.height -= 2
      drawActionLine(
        TextField.withCursor(line, at: cursor), error: error, row: rest.bottom, width: body.width, theme, &canvas)
    }
    guard let item = session.current else {
      canvas.draw(
        "Nothing on the agenda: no unowned or red accounts, no falls, no risks, nothing overdue. F records it.",
        row: rest.row + 1, column: rest.column + 2, width: rest.width - 2, style: theme[.dim])
      return
    }
    canvas.draw(
      lines: card(item, session: session, book: env.book, width: rest.width), scroll: 0, in: rest, theme: theme)
  }

  /// The recorded standup's summary, a line per line.
  static func summaryLines(_ summary: String) -> [Line] {
    summary.split(separator: "\n", omittingEmptySubsequences: false).map { [Segment(String($0))] }
  }

  static func progress(_ session: StandupSession) -> Line {
    let agenda = session.agenda
    let scope = agenda.owner ?? "everyone"
    let status = session.current.map { " [\(session.status(of: $0.account.slug))]" } ?? ""
    return [
      Segment("Standup \(min(session.index + 1, agenda.items.count))/\(agenda.items.count)", .title),
      Segment(status, .key),
      Segment(" · \(scope)\(session.byOwner ? " by owner" : "") · ", .dim),
      Segment(
        "\(session.discussed.count) discussed, \(session.skipped.count) skipped, \(session.actions.count) actions",
        .header),
    ]
  }

  static func card(_ item: StandupAgenda.Item, session: StandupSession, book: Book, width: Int) -> [Line] {
    let account = item.account
    var lines: [Line] = [
      [
        Cells.health(item.assessment), Segment(" "), Segment(account.name, .title),
        Segment("  (\(account.slug))", .dim),
        Segment("  owner ", .dim), account.owner.map { Segment($0) } ?? Segment("NO OWNER", .unowned),
        Segment("  tier \(account.tier) · \(account.stage.rawValue)", .dim),
        Segment("  renewal " + (account.renewal.map { "\($0)" } ?? "–"), .dim),
      ],
      [
        Segment("on the agenda: ", .dim),
        Segment(item.reasons.isEmpty ? "nothing any more" : item.reasons.map(\.label).joined(separator: ", "), .alert),
      ],
      [],
    ]
    lines += AccountDetail.healthLines(item.assessment, width: min(width, 60))
    lines.append([])
    lines.append([Segment("Plays", .header)])
    if item.assessment.plays.isEmpty { lines.append([Segment("  none open", .dim)]) }
    for play in item.overduePlays {
      lines.append([
        Segment("  ! \(play.title)", .overdue),
        Segment("  due \(play.due), \(play.daysLate(on: item.today))d late", .dim),
      ])
    }
    for play in item.openPlays { lines.append([Segment("  · \(play.title)"), Segment("  due \(play.due)", .dim)]) }
    lines.append([])
    let since = session.agenda.previous.map { "since the standup of \($0.day)" } ?? "since \(session.agenda.since)"
    lines.append([Segment("What changed \(since)", .header)])
    if item.changes.isEmpty { lines.append([Segment("  nothing recorded", .dim)]) }
    for change in item.changes { lines.append([Segment("  + " + change)]) }
    let actions = session.actions.compactMap { book.tasks[$0] }.filter { $0.account == account.slug }
    if !actions.isEmpty {
      lines.append([])
      lines.append([Segment("Action items", .header)])
      for task in actions {
        lines.append([Segment("  → \(task.text)"), Segment("  @\(task.owner ?? "nobody") due \(task.due)", .dim)])
      }
    }
    return lines
  }

  private static func drawActionLine(
    _ text: String, error: String?, row: Int, width: Int, _ theme: Theme, _ canvas: inout Canvas
  ) {
    canvas.draw(
      [Segment("action item: ", .key), Segment(text, .selected), Segment("  text @owner date", .dim)], row: row,
      column: 0, width: width, theme: theme)
    if let error { canvas.draw(error, row: row + 1, column: 2, width: width - 2, style: theme[.error]) }
  }
}
