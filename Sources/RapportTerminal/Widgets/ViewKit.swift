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
