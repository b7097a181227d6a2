import RapportDomain
import RapportText

/// A rectangle of the canvas, in cells.
struct Rect: Equatable {
  var row: Int
  var column: Int
  var height: Int
  var width: Int

  var bottom: Int { row + height }
}

/// A run of text in one role.
struct Segment {
  var text: String
  var role: Role

  init(_ text: String, _ role: Role = .normal) {
    self.text = text
    self.role = role
  }
}

/// One line of a scrolling page: segments drawn left to right, each padded to its column width if set.
typealias Line = [Segment]

extension Canvas {
  /// Draws segments one after another from (row, column) within `width` columns; returns columns used.
  @discardableResult
  mutating func draw(_ line: Line, row: Int, column: Int, width: Int, theme: Theme) -> Int {
    var used = 0
    for (index, segment) in line.enumerated() where used < width {
      var style = theme[segment.role]
      // Plain blanks between two runs of one role whose style does not show on blanks (a colour, bold)
      // take that role: the same look, and no attribute change to send on either side.
      if segment.role == .normal, index > 0, index + 1 < line.count, line[index - 1].role == line[index + 1].role,
        segment.text.allSatisfy({ $0 == " " })
      {
        let neighbour = theme[line[index - 1].role]
        if neighbour.background == nil, !neighbour.reverse, !neighbour.underline { style = neighbour }
      }
      used += draw(segment.text, row: row, column: column + used, width: width - used, style: style)
    }
    return used
  }

  /// Draws `lines` from `scroll` on into `rect`.
  mutating func draw(lines: [Line], scroll: Int, in rect: Rect, theme: Theme) {
    guard rect.height > 0 else { return }
    let first = max(0, min(scroll, max(0, lines.count - rect.height)))
    for (offset, line) in lines.dropFirst(first).prefix(rect.height).enumerated() {
      draw(line, row: rect.row + offset, column: rect.column, width: rect.width, theme: theme)
    }
  }
}

enum Cells {
  /// `text` sanitised, then cut or padded to exactly `columns` terminal columns.
  static func fit(_ text: String, _ columns: Int, right: Bool = false) -> String {
    TerminalText.padded(TerminalText.sanitised(text), toColumns: columns, alignRight: right)
  }

  /// `text` fitted to `columns` like `fit`, the text in `role` and its padding plain: a coloured blank is
  /// not a blank to ncurses, so padding in colour costs bytes on every redraw of the row.
  static func fitted(_ text: String, _ columns: Int, _ role: Role, right: Bool = false) -> [Segment] {
    let full = fit(text, columns, right: right)
    guard role != .normal else { return [Segment(full)] }
    var core = Substring(full)
    if right {
      while core.first == " " { core.removeFirst() }
    } else {
      while core.last == " " { core.removeLast() }
    }
    let padding = Segment(String(repeating: " ", count: full.count - core.count))
    let segment = Segment(String(core), role)
    return padding.text.isEmpty ? [segment] : right ? [padding, segment] : [segment, padding]
  }

  static func days(_ value: Int?) -> String { value.map { "\($0)d" } ?? "–" }

  static func trend(_ trend: Trend) -> String {
    trend.arrow + (trend.change.map { $0 == 0 ? "" : ($0 > 0 ? "+\($0)" : String($0)) } ?? "")
  }

  /// A short badge per alert, so several fit in a list row.
  static func badge(_ alert: AlertCode) -> String {
    switch alert {
    case .noOwner: return "OWNER"
    case .checkinOverdue: return "CHECKIN"
    case .detractorOpen: return "DETRACTOR"
    case .usageDrop: return "USAGE"
    case .ticketSpike: return "TICKETS"
    case .criterionStalled: return "CRITERION"
    case .renewalAtRisk: return "RENEWAL"
    case .handoffCallMissing: return "HANDOFF"
    case .onboardingLate: return "ONBOARD"
    case .valueNoteOverdue: return "VALUE"
    case .renewalOverdue: return "RENEWAL!"
    case .renewalUnknown: return "NO-RENEWAL"
    case .onboardingOverdue: return "ONBOARD!"
    case .firstValueLate: return "NO-VALUE"
    case .urgentTicket: return "URGENT"
    }
  }

  /// `R 38` style health cell: the letter always, so health reads without colour.
  static func health(_ assessment: Assessment) -> Segment {
    Segment(assessment.health.health.letter, Theme.role(of: assessment.health.health))
  }
}

/// The top row: product, screen, day, filter.
enum TitleBar {
  static func draw(_ dashboard: Dashboard, into canvas: inout Canvas) {
    let state = dashboard.state
    let names: [(DashboardState.ScreenKind, String)] = [
      (.main, "m Accounts"), (.board, "b Board"), (.due, "d Due"), (.reports, "r Reports"), (.standup, "S Standup"),
      (.help, "? Help"),
    ]
    canvas.fill(row: 0, column: 0, height: 1, width: canvas.columns, style: dashboard.theme[.title])
    var line: Line = [Segment(" Rapport ", .title)]
    for (screen, name) in names {
      line.append(Segment(screen == state.screen ? "[\(name)]" : " \(name) ", .title))
    }
    line.append(Segment("  \(dashboard.today)", .title))
    canvas.draw(line, row: 0, column: 0, width: canvas.columns, theme: dashboard.theme)
  }
}

/// The bottom row on every screen: who, which journal, how many records, read-only, and the main keys
/// (or the message of the last key, or the filter being typed).
enum StatusLine {
  static func draw(_ dashboard: Dashboard, into canvas: inout Canvas) {
    let row = canvas.rows - 1
    let theme = dashboard.theme
    canvas.fill(row: row, column: 0, height: 1, width: canvas.columns, style: theme[.status])
    var line: Line = [
      Segment(" \(dashboard.user) · \(dashboard.journalName) · \(dashboard.recordCount) records", .status)
    ]
    if dashboard.readOnly { line.append(Segment(" · read-only", .status)) }
    if let save = dashboard.lastSave { line.append(Segment(" · saved \(save)", .status)) }
    line.append(Segment(" │ ", .status))
    let state = dashboard.state
    if let message = state.message {
      line.append(Segment(message, .error))
    } else if state.form != nil {
      line.append(Segment(FormView.statusHint, .status))
    } else if state.isEditingFilter {
      line.append(Segment("filter: " + state.filter + "▏ Enter keep · Esc clear", .status))
    } else {
      line.append(Segment(hint(for: state), .status))
    }
    canvas.draw(line, row: row, column: 0, width: canvas.columns, theme: theme)
  }

  static func hint(for state: DashboardState) -> String {
    switch state.screen {
    case .main where state.focus == .detail: return "j/k entry · u retract · x retracted · Esc back"
    case .main: return "j/k move · Enter open · / filter · q quit"
    case .board: return "o group by \(state.boardGrouping == .owner ? "tier" : "owner") · j/k scroll · m back · q quit"
    case .due: return "t close play · e \(state.dueScope == .mine ? "everyone" : "mine") · j/k move · m back"
    case .reports, .help: return "j/k scroll · m back · q quit"
    case .standup:
      if state.standup?.actionLine != nil { return StandupView.actionHint }
      return state.standup?.isFinished == true ? "j/k scroll · Esc back · q quit" : StandupView.hint
    }
  }
}

/// Shown instead of everything when the terminal is below 80x24.
enum TooSmallView {
  static func draw(into canvas: inout Canvas, theme: Theme) {
    guard canvas.rows > 0, canvas.columns > 0 else { return }
    let message =
      "Terminal too small: \(canvas.columns)x\(canvas.rows) — enlarge to at least "
      + "\(Dashboard.minimumColumns)x\(Dashboard.minimumRows)"
    // Wrap by words into the width, centred both ways.
    var lines: [String] = []
    var current = ""
    for word in message.split(separator: " ") {
      let candidate = current.isEmpty ? String(word) : current + " " + word
      if TerminalText.width(of: candidate) <= canvas.columns || current.isEmpty {
        current = candidate
      } else {
        lines.append(current)
        current = String(word)
      }
    }
    if !current.isEmpty { lines.append(current) }
    let top = max(0, (canvas.rows - lines.count) / 2)
    for (offset, line) in lines.prefix(canvas.rows).enumerated() {
      let width = TerminalText.width(of: line)
      let column = max(0, (canvas.columns - width) / 2)
      canvas.draw(line, row: top + offset, column: column, style: theme[.error])
    }
  }
}
