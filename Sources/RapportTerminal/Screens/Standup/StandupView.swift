import RapportDomain
import RapportText

/// The standup, full-screen: a progress line, then one card (the account, why it is on the agenda, its
/// health, its plays, what changed since the standup that last reviewed it, its note and action items),
/// scrolled when taller than the screen; a note line or a question under it; or the summary page.
enum StandupView {
  /// Draws `standup`; a form over the card is drawn by the shell, over everything.
  static func draw(_ standup: StandupModal, _ env: ScreenEnvironment, in body: Rect, into canvas: inout Canvas) {
    let session = standup.session
    let theme = env.theme
    if standup.showsSummary {
      let title = standup.showsMarkdown ? "Standup summary (Markdown)" : "Standup recorded"
      Page.draw(
        heading: [Segment(title, .title)], lines: standup.summaryLines(env), scroll: standup.summaryPage.scroll,
        in: body, theme: theme, into: &canvas)
      return
    }
    canvas.draw(progress(session), row: body.row, column: body.column, width: body.width, theme: theme)
    let height = cardHeight(standup, env.layout)
    let rest = Rect(row: body.row + 1, column: body.column, height: height, width: body.width)
    let bottom = rest.row + rest.height
    if let prompt = standup.prompt {
      // Two rows: the question wrapped at a word, never cut where the answers are.
      let rows = wrapped(prompt.question(session), width: body.width - 1)
      for (offset, text) in rows.prefix(2).enumerated() {
        canvas.draw(text, row: bottom + offset, column: 0, width: body.width, style: theme[.alert])
      }
    } else if case .note(let line, let error, let cursor) = standup.inner {
      drawBottom(
        [
          Segment("note on \(session.current?.account.name ?? "the card"): ", .key),
          Segment(TextField.withCursor(line, at: cursor), .selected),
        ], second: error, row: bottom, width: body.width, theme, &canvas)
    }
    guard let item = session.current else {
      canvas.draw(
        "Nothing on the agenda: no account needs the meeting (red, fell, renewal at risk or overdue, unowned, "
          + "detractor open). A shows every account; F records the standup.",
        row: rest.row + 1, column: rest.column + 2, width: rest.width - 2, style: theme[.dim])
      return
    }
    let lines = card(item, session: session, book: env.book, width: rest.width)
    let scroll = ListCursor.clamped(session.cardScroll, count: lines.count, height: rest.height)
    canvas.draw(lines: lines, scroll: scroll, in: rest, theme: theme)
    if scroll + rest.height < lines.count {
      let more = " ↓ \(lines.count - scroll - rest.height) more lines: PgDn / J "
      canvas.draw(
        more, row: rest.row + rest.height - 1, column: max(0, rest.width - TerminalText.width(of: more) - 1),
        width: TerminalText.width(of: more), style: theme[.key])
    }
  }

  /// Rows the card has: the body under the progress line, less two for a question or a note line.
  static func cardHeight(_ standup: StandupModal, _ layout: Layout) -> Int {
    var height = layout.body.height - 1
    if standup.prompt != nil { height -= 2 }
    if case .note = standup.inner { height -= 2 }
    return max(1, height)
  }

  /// A summary, a line per line.
  static func summaryLines(_ summary: String) -> [Line] {
    summary.split(separator: "\n", omittingEmptySubsequences: false).map { [Segment(String($0))] }
  }

  static func progress(_ session: StandupSession) -> Line {
    let agenda = session.agenda
    let scope = agenda.owner ?? "everyone"
    let status = session.current.map { " [\(session.status(of: $0.account.slug))]" } ?? ""
    let kind = session.all ? " · every account" : ""
    let recorded = session.open == nil ? " · not started" : ""
    let actions = session.actions.count == 1 ? "1 action" : "\(session.actions.count) actions"
    // The counts before the scope: at 80 columns what is cut is the least needed.
    return [
      Segment("Standup \(min(session.index + 1, agenda.items.count))/\(agenda.items.count)", .title),
      Segment(status, .key),
      Segment(" · ", .dim),
      Segment(
        "\(session.discussed.count) discussed, \(session.skipped.count) skipped, \(actions), "
          + "\(session.cardsLeft) to go",
        .header),
      Segment(" · \(scope)\(session.byOwner ? " by owner" : "")\(kind)\(recorded)", .dim),
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
        Segment(
          item.reasons.isEmpty
            ? (session.all ? "every account (A)" : "nothing any more")
            : item.reasons.map(\.label).joined(separator: ", "),
          .alert),
      ],
    ]
    if let note = session.note(of: account.slug) {
      lines.append([Segment("note: ", .key), Segment(note)])
    }
    lines.append([])
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
    lines.append([Segment("What changed \(item.sinceText)", .header)])
    if item.changes.isEmpty { lines.append([Segment("  nothing recorded", .dim)]) }
    for change in item.changes { lines.append([Segment("  + " + change)]) }
    let actions = session.actions.compactMap { book.tasks[$0] }.filter {
      $0.account == account.slug && !$0.meta.isRetracted
    }
    if !actions.isEmpty {
      lines.append([])
      lines.append([Segment("Action items", .header)])
      for task in actions {
        lines.append([Segment("  → \(task.text)"), Segment("  @\(task.owner ?? "nobody") due \(task.due)", .dim)])
      }
    }
    return lines
  }

  /// `text` in lines of at most `width` columns, broken at spaces.
  static func wrapped(_ text: String, width: Int) -> [String] {
    var lines: [String] = []
    var line = ""
    for word in text.split(separator: " ") {
      let candidate = line.isEmpty ? String(word) : line + " " + word
      if TerminalText.width(of: candidate) > width, !line.isEmpty {
        lines.append(line)
        line = String(word)
      } else {
        line = candidate
      }
    }
    if !line.isEmpty { lines.append(line) }
    return lines
  }

  private static func drawBottom(
    _ line: Line, second: String?, row: Int, width: Int, _ theme: Theme, _ canvas: inout Canvas
  ) {
    canvas.draw(line, row: row, column: 0, width: width, theme: theme)
    if let second { canvas.draw(second, row: row + 1, column: 2, width: width - 2, style: theme[.error]) }
  }
}
