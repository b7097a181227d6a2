import RapportDomain
import RapportText

/// The top row: product, screen, day, filter.
enum TitleBar {
  /// What the title bar names: a screen, or the standup (in the modal slot, drawn full-screen).
  enum Tab: Equatable {
    case screen(DashboardState.Screen)
    case standup

    /// What shows it.
    var action: Action {
      switch self {
      case .screen(let screen): return .show(screen)
      case .standup: return .startStandup(owner: nil)
      }
    }
  }

  /// Each tab with the key that shows it, from the key table.
  static let names: [(Tab, String)] =
    ([
      (.screen(.main), "Accounts"), (.screen(.board), "Board"), (.screen(.due), "Due"), (.screen(.reports), "Reports"),
      (.standup, "Standup"), (.screen(.help), "Help"),
    ] as [(Tab, String)]).map { tab, name in
      let key = KeyTable.key(for: tab.action).map { $0 + " " } ?? ""
      return (tab, key + name)
    }

  static func draw(_ dashboard: Dashboard, into canvas: inout Canvas) {
    let state = dashboard.state
    canvas.fill(row: 0, column: 0, height: 1, width: canvas.columns, style: dashboard.theme[.title])
    var line: Line = [Segment(" Rapport ", .title)]
    let current: Tab = state.standup == nil ? .screen(state.screen) : .standup
    for (tab, name) in names {
      line.append(Segment(tab == current ? "[\(name)]" : " \(name) ", .title))
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
    } else if state.modal == .filter {
      let hints = KeyTable.hints(for: .filter).joined(separator: " · ")
      line.append(Segment("filter: " + state.accounts.filter + "▏ " + hints, .status))
    } else {
      line.append(Segment(KeyTable.hints(for: dashboard.keyContext).joined(separator: " · "), .status))
    }
    canvas.draw(line, row: row, column: 0, width: canvas.columns, theme: theme)
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
