import RapportDomain
import RapportText

/// The main screen. On a terminal of at least `Layout.splitRows` rows or `Layout.splitColumns` columns:
/// the account list and the selected account (header, health breakdown, timeline) side by side (160
/// columns and more) or one above the other. Below that the list takes the whole screen and Enter opens
/// the selected account full-screen, so that moving the selection changes two list rows and nothing else.
enum AccountsView {
  static func draw(_ state: AccountsState, _ env: ScreenEnvironment, into canvas: inout Canvas) {
    let layout = env.layout
    let body = layout.body
    guard layout.isSplit else {
      if let reading = state.reading {
        EntryReader.draw(reading, env, into: &canvas)
      } else if state.isDetailOpen {
        AccountDetail.draw(state, env, into: &canvas)
      } else {
        AccountList.draw(state, env, in: body, into: &canvas)
      }
      return
    }
    let list = layout.list
    if layout.isSideBySide {
      for row in body.row..<body.bottom {
        canvas.draw("│", row: row, column: list.width, style: env.theme[.dim])
      }
    } else {
      canvas.draw(
        String(repeating: "─", count: body.width), row: list.bottom, column: body.column,
        style: env.theme[.dim])
    }
    AccountList.draw(state, env, in: list, into: &canvas)
    if let reading = state.reading {
      EntryReader.draw(reading, env, into: &canvas)
    } else {
      AccountDetail.draw(state, env, into: &canvas)
    }
  }
}

/// The account list: a header row, then one row per account in the filtered list.
enum AccountList {
  struct Columns {
    var name: Int
    var owner = 12
    var stage: Int
    var alerts: Int
  }

  /// The selection marker, in the column before the selected account's name.
  static let marker = "▶"

  /// Column widths for a list `width` wide: fixed columns first, the name takes what is left (up to 40),
  /// then alert badges.
  static func columns(for width: Int) -> Columns {
    // health 2, score 4, trend 6, marker 1, tier 3, touch 6, renewal 7 = 29; owner 12 + 1.
    let fixed = 29 + 13
    let stage = width >= 100 ? 12 : 0
    let rest = max(0, width - fixed - stage)
    let name = max(10, min(40, rest - 10))
    return Columns(name: name, stage: stage, alerts: max(0, rest - name))
  }

  static func header(_ columns: Columns) -> Line {
    var line: Line = [
      Segment("H ", .header), Segment(Cells.fit("SCR", 3, right: true) + " ", .header),
      Segment(Cells.fit("TREND", 6) + " ", .header),
      Segment(Cells.fit("ACCOUNT", columns.name), .header), Segment(" " + Cells.fit("OWNER", columns.owner), .header),
      Segment(" T ", .header),
    ]
    if columns.stage > 0 { line.append(Segment(Cells.fit("STAGE", columns.stage), .header)) }
    line += [
      Segment(Cells.fit("TOUCH", 5, right: true) + " ", .header),
      Segment(Cells.fit("RENEWS", 6, right: true) + " ", .header),
      Segment(Cells.fit("ALERTS", columns.alerts), .header),
    ]
    return line
  }

  /// One account's row. Selected, the marker and the name's text take the `selection` role; every other
  /// cell keeps its own (health colour, alerts), so that moving the selection changes one short run of
  /// cells on two rows (a fraction of what the whole row in reverse would send) and the health letter
  /// still reads in its colour.
  static func row(_ item: Assessment, _ columns: Columns, selection: Role? = nil) -> Line {
    let account = item.account
    var line: Line = [
      Cells.health(item), Segment(" "),
      Segment(Cells.fit(item.health.score.map(String.init) ?? "–", 3, right: true) + " "),
      Segment(Cells.fit(Cells.trend(item.trend), 6), item.trend.direction == .down ? .alert : .normal),
    ]
    let name = Cells.fit(account.name, columns.name)
    if let selection {
      // The marker and the name's text, not its padding: the fewest cells that still read as a bar.
      var text = Substring(name)
      while text.last == " " { text.removeLast() }
      line += [
        Segment(marker + text, selection), Segment(String(repeating: " ", count: name.count - text.count)),
      ]
    } else {
      line.append(Segment(" " + name))
    }
    line += [
      Segment(" "),
      account.owner.map { Segment(Cells.fit($0, columns.owner)) }
        ?? Segment(Cells.fit("NO OWNER", columns.owner), .unowned),
      Segment(" \(account.tier) "),
    ]
    if columns.stage > 0 { line.append(Segment(Cells.fit(account.stage.rawValue, columns.stage))) }
    let renewalRole: Role = (item.daysToRenewal.map { $0 <= 90 } ?? false) ? .alert : .normal
    let touchRole: Role = item.alerts.contains(.checkinOverdue) ? .overdue : .normal
    line += [
      Segment(Cells.fit(Cells.days(item.daysSinceTouch), 5, right: true), touchRole), Segment(" "),
      Segment(Cells.fit(Cells.days(item.daysToRenewal), 6, right: true), renewalRole), Segment(" "),
    ]
    // The last column: its padding plain, so that a row without alerts ends in blanks ncurses need not send.
    line += Cells.fitted(item.alerts.map { "!" + Cells.badge($0) }.joined(separator: " "), columns.alerts, .alert)
    return line
  }

  static func draw(_ state: AccountsState, _ env: ScreenEnvironment, in rect: Rect, into canvas: inout Canvas) {
    guard rect.height > 1 else { return }
    let theme = env.theme
    let projection = env.projection
    let rows = projection.rows
    let visible = projection.visible
    let count = projection.listCount
    let columns = columns(for: rect.width)
    canvas.draw(header(columns), row: rect.row, column: rect.column, width: rect.width, theme: theme)
    let height = rect.height - 1
    if visible.isEmpty && !state.filter.isEmpty || count == 0 {
      var text = rows.isEmpty ? "No accounts yet." : "No account matches \"\(state.filter)\"."
      if projection.isSearchingText { text += " Searching the entries' text…" }
      canvas.draw(text, row: rect.row + 1, column: rect.column + 2, width: rect.width - 2, style: theme[.dim])
      if count == 0 { return }
    }
    // Without account rows, the entries start under the message.
    let top = rect.row + 1 + (visible.isEmpty ? 1 : 0)
    let shown = height - (visible.isEmpty ? 1 : 0)
    let selected = state.list.selection
    let scroll = state.list.firstShown(height: shown)
    for offset in 0..<shown {
      let index = scroll + offset
      guard index < count else {
        // Under the last row: the search under way, or the matches not listed.
        if offset < shown, let note = searchNote(state, projection) {
          canvas.draw(note, row: top + offset, column: rect.column + 2, width: rect.width - 2, style: theme[.dim])
        }
        break
      }
      // Dimmed while the detail pane has the keys.
      let selection: Role? = index == selected ? (state.focus == .list ? .selected : .dim) : nil
      let line: Line
      if index < visible.count {
        line = AccountList.row(rows[visible[index]], columns, selection: selection)
      } else if let match = projection.textMatch(atRow: index) {
        let name = projection.row(of: match.account)?.account.name ?? match.account
        line = MatchRow.line(match, name: name, columns, width: rect.width, selection: selection)
      } else {
        break
      }
      canvas.draw(line, row: top + offset, column: rect.column, width: rect.width, theme: theme)
    }
  }

  /// The line under the list while the entries' text is searched, or when more entries matched than
  /// are listed.
  static func searchNote(_ state: AccountsState, _ projection: Projection) -> String? {
    guard !state.filter.isEmpty else { return nil }
    if projection.isSearchingText && !projection.visible.isEmpty { return "searching the entries' text…" }
    let matches = projection.textMatches
    if matches.total > matches.matches.count {
      return
        "… \(matches.total - matches.matches.count) older entries mention \"\(state.filter)\" (type more to narrow)"
    }
    return nil
  }
}

/// The selected account: who owns it and what it is worth, why it has its colour, and what happened.
enum AccountDetail {
  static func draw(_ state: AccountsState, _ env: ScreenEnvironment, into canvas: inout Canvas) {
    let rect = env.layout.detail
    guard rect.height > 0, let item = env.selection(state.list) else { return }
    let theme = env.theme
    let account = item.account
    var header: [Line] = []
    header.append([
      Cells.health(item), Segment(" "), Segment(account.name, .title), Segment("  (\(account.slug))", .dim),
      Segment("  owner ", .dim),
      account.owner.map { Segment($0) } ?? Segment("NO OWNER", .unowned),
      Segment("  manager ", .dim), Segment(account.manager ?? "–"),
    ])
    let sponsor = account.primarySponsor.map { " (sponsor \($0.name))" } ?? ""
    let contacts = account.contacts.filter { !$0.meta.isRetracted }.count
    header.append([
      Segment("tier ", .dim), Segment("\(account.tier)"), Segment("  stage ", .dim), Segment(account.stage.rawValue),
      Segment("  value ", .dim), Segment(account.value?.description ?? "–"),
      Segment("  renewal ", .dim), Segment(account.renewal.map { "\($0) (\(Cells.days(item.daysToRenewal)))" } ?? "–"),
      Segment("  contacts ", .dim), Segment("\(contacts)\(sponsor)"),
    ])
    header.append(
      item.alerts.isEmpty
        ? [Segment("no alerts", .dim)]
        : [Segment("alerts: ", .alert), Segment(item.alerts.map(\.label).joined(separator: " · "), .alert)])
    canvas.draw(
      lines: header, scroll: 0,
      in: Rect(row: rect.row, column: rect.column, height: min(3, rect.height), width: rect.width), theme: theme)
    guard rect.height > 3 else { return }
    let (breakdown, timeline) = env.layout.detailParts(thin: item.health.isThin)
    let points = env.projection.histories.history(
      of: item, book: env.book, at: env.projection.assessedSeq, today: env.today)
    let health = healthLines(item, width: breakdown.width) + [sparkline(points, theme: theme)]
    canvas.draw(lines: health, scroll: 0, in: breakdown, theme: theme)
    // "Next" above the timeline.
    let parts = timelineParts(item, timeline)
    canvas.draw(lines: nextLines(item, today: env.today), scroll: 0, in: parts.next, theme: theme)
    drawTimeline(state, env, in: parts.timeline, into: &canvas)
  }

  /// The detail's lower part split: "Next" on top (its lines, leaving the timeline two rows at least),
  /// the timeline under it. Drawing and clicks share it.
  static func timelineParts(_ item: Assessment, _ rect: Rect) -> (next: Rect, timeline: Rect) {
    let nextHeight = min(AccountDetail.nextLineCount(item), max(0, rect.height - 2))
    return (
      Rect(row: rect.row, column: rect.column, height: nextHeight, width: rect.width),
      Rect(row: rect.row + nextHeight, column: rect.column, height: rect.height - nextHeight, width: rect.width)
    )
  }

  static func healthLines(_ item: Assessment, width: Int) -> [Line] {
    let health = item.health
    var lines: [Line] = [
      [
        Segment("Health ", .header), Cells.health(item),
        Segment(" " + (health.score.map(String.init) ?? "–") + " " + Cells.trend(item.trend), .header),
        Segment(health.weakest.map { "  weakest: \($0.rawValue)" } ?? "", .dim),
      ]
    ]
    let valueWidth = max(4, width - 22)
    for reading in health.readings {
      let weakest = reading.measure == health.weakest
      lines.append([
        Segment(weakest ? "▸" : " ", .alert),
        Segment(Cells.fit(reading.measure.rawValue, 9)),
        Segment(Cells.fit(reading.value, valueWidth), reading.hasData ? .normal : .dim),
        Segment(" " + Cells.fit(reading.score.map(String.init) ?? "–", 3, right: true)),
        Segment(" ×" + Cells.fit(String(Int(reading.weight)), 3), .dim),
      ])
    }
    // Why a good score is not green: too few measures have data.
    if let note = health.thinDataNote { lines.append([Segment(" " + note + ": at most yellow", .alert)]) }
    return lines
  }

  static func drawTimeline(_ state: AccountsState, _ env: ScreenEnvironment, in rect: Rect, into canvas: inout Canvas) {
    guard rect.height > 0 else { return }
    let theme = env.theme
    let entries = state.timelineEntries(env)
    let focused = state.focus == .detail
    canvas.draw(
      [
        Segment("Timeline", focused ? .selected : .header),
        Segment(state.showRetracted ? "  (x: hide retracted)" : "  (x: show retracted)", .dim),
      ], row: rect.row, column: rect.column, width: rect.width, theme: theme)
    let lines: [Line] = entries.enumerated().map { index, entry in
      let role: Role = entry.isRetracted ? .dim : .normal
      let isCursor = focused && index == state.timeline.selection
      return [
        isCursor ? Segment("▶", .key) : Segment(" "),
        Segment(entry.isRetracted ? "x" : " ", .dim),
        Segment(entry.day.description + " ", .dim),
        Segment(Cells.fit(entry.kind, 10) + " ", .key),
        Segment(
          entry.title + (entry.isAmended ? " (amended)" : "") + (entry.detail.map { " — " + $0 } ?? ""),
          isCursor ? .selected : role),
        Segment("  " + entry.by, .dim),
      ]
    }
    let body = Rect(row: rect.row + 1, column: rect.column, height: rect.height - 1, width: rect.width)
    if lines.isEmpty {
      canvas.draw("nothing recorded", row: body.row, column: body.column + 2, style: theme[.dim])
    }
    canvas.draw(lines: lines, scroll: state.timeline.firstShown(height: body.height), in: body, theme: theme)
  }
}
