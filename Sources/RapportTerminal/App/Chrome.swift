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
/// (or the message of the last key, or the filter being typed). A message too long for the row wraps
/// onto more rows above it (the body gives them up while it shows), never cut.
enum StatusLine {
  /// Rows a message may take at most: a quarter of the screen.
  static func maximumRows(_ size: TerminalSize) -> Int { max(1, size.rows / 4) }

  /// Rows the status line takes at `size`.
  static func rows(_ dashboard: Dashboard, size: TerminalSize) -> Int {
    guard dashboard.state.shownMessage != nil else { return 1 }
    return lines(dashboard, columns: size.columns, maximumRows: maximumRows(size)).count
  }

  private static func prefix(_ dashboard: Dashboard) -> String {
    var text = " \(dashboard.user) · \(dashboard.journalName) · \(dashboard.recordCount) records"
    if dashboard.readOnly { text += " · read-only" }
    if let save = dashboard.lastSave { text += " · saved \(save)" }
    return text + " │ "
  }

  /// The status line's rows, top to bottom.
  static func lines(_ dashboard: Dashboard, columns: Int, maximumRows: Int) -> [Line] {
    let prefix = prefix(dashboard)
    let state = dashboard.state
    if let message = state.shownMessage {
      let first = columns - TerminalText.width(of: prefix)
      guard TerminalText.width(of: message) > first else {
        return [[Segment(prefix, .status), Segment(message, .error)]]
      }
      // The message goes on onto rows of its own under the first.
      let parts = TextWrap.words(message, width: columns - 1, first: first)
      var rows: [Line] = parts.enumerated().map { index, part in
        index == 0 ? [Segment(prefix, .status), Segment(part, .error)] : [Segment(" " + part, .error)]
      }
      // Too long even so (a quarter of the screen): the message alone, from its start, and where to read
      // the rest (the last row gives way to it).
      if rows.count > maximumRows {
        let wrapped = TextWrap.words(message, width: columns - 1)
        // Without the prefix the message may fit whole.
        guard wrapped.count > maximumRows else { return wrapped.map { [Segment(" " + $0, .error)] } }
        let more = " … ! reads it all"
        let room = max(1, columns - 1 - TerminalText.width(of: more))
        let last = TextWrap.words(wrapped[maximumRows - 1], width: room).first ?? ""
        rows = wrapped.prefix(maximumRows - 1).map { [Segment(" " + $0, .error)] }
        rows.append([Segment(" " + last, .error), Segment(more, .key)])
      }
      return rows
    }
    if state.modal == .filter {
      let hints = KeyTable.hints(for: .filter).joined(separator: " · ")
      return [
        [
          Segment(
            prefix + "filter: "
              + (state.screen == .due
                ? TextField.withCursor(state.due.filter, at: state.due.filterCursor)
                : TextField.withCursor(state.accounts.filter, at: state.accounts.filterCursor)) + " "
              + hints, .status)
        ]
      ]
    }
    let hints = fitted(KeyTable.hints(for: dashboard.keyContext), width: columns - TerminalText.width(of: prefix))
    return [[Segment(prefix + hints, .status)]]
  }

  /// The hints that fit in `width` columns, whole and in order; when some do not, the last place says
  /// where they all are, so that no hint is ever shown cut.
  static func fitted(_ hints: [String], width: Int) -> String {
    let all = hints.joined(separator: " · ")
    guard TerminalText.width(of: all) > width else { return all }
    let more = "? all keys"
    var shown: [String] = []
    for hint in hints where hint != "? keys" {
      let next = (shown + [hint, more]).joined(separator: " · ")
      guard TerminalText.width(of: next) <= width else { break }
      shown.append(hint)
    }
    return (shown + [more]).joined(separator: " · ")
  }

  static func draw(_ dashboard: Dashboard, into canvas: inout Canvas) {
    let theme = dashboard.theme
    let size = TerminalSize(rows: canvas.rows, columns: canvas.columns)
    let rows = lines(dashboard, columns: canvas.columns, maximumRows: maximumRows(size))
    let top = canvas.rows - rows.count
    for (offset, line) in rows.enumerated() {
      canvas.fill(row: top + offset, column: 0, height: 1, width: canvas.columns, style: theme[.status])
      canvas.draw(line, row: top + offset, column: 0, width: canvas.columns, theme: theme)
    }
  }
}

/// Shown instead of everything when the terminal is below 80x24, with why the last key did nothing.
enum TooSmallView {
  /// What a key other than `q` and `Ctrl-L` says below the minimum size.
  static func refusal(_ size: TerminalSize) -> String {
    "\(size.columns)x\(size.rows) is too small to show what keys do: nothing done; q quits, Ctrl-L redraws"
  }

  static func draw(into canvas: inout Canvas, theme: Theme, message: String? = nil) {
    guard canvas.rows > 0, canvas.columns > 0 else { return }
    let text =
      "Terminal too small: \(canvas.columns)x\(canvas.rows) — enlarge to at least "
      + "\(Dashboard.minimumColumns)x\(Dashboard.minimumRows)"
    var lines = TextWrap.words(text, width: canvas.columns).map { ($0, theme[.error]) }
    if let message {
      lines.append(("", theme[.normal]))
      lines += TextWrap.words(message, width: canvas.columns).map { ($0, theme[.normal]) }
    }
    let top = max(0, (canvas.rows - lines.count) / 2)
    for (offset, (line, style)) in lines.prefix(canvas.rows).enumerated() {
      let width = TerminalText.width(of: line)
      let column = max(0, (canvas.columns - width) / 2)
      canvas.draw(line, row: top + offset, column: column, style: style)
    }
  }
}

/// Wrapping text by words into a width (a word longer than the width is cut into pieces).
enum TextWrap {
  /// `first`: the first line's width when it differs (text after a prefix).
  static func words(_ text: String, width: Int, first: Int? = nil) -> [String] {
    guard width > 0 else { return [] }
    var lines: [String] = []
    var current = ""
    var lineWidth = max(1, first ?? width)
    func close() {
      lines.append(current)
      current = ""
      lineWidth = width
    }
    for word in text.split(separator: " ") {
      var word = String(word)
      let candidate = current.isEmpty ? word : current + " " + word
      if TerminalText.width(of: candidate) <= lineWidth {
        current = candidate
        continue
      }
      if !current.isEmpty || lineWidth != width { close() }
      // A word wider than the line goes on in pieces.
      while TerminalText.width(of: word) > lineWidth {
        var piece = ""
        for character in word {
          if TerminalText.width(of: piece + String(character)) > lineWidth { break }
          piece.append(character)
        }
        guard !piece.isEmpty else { break }
        current = piece
        close()
        word.removeFirst(piece.count)
      }
      current = word
    }
    if !current.isEmpty { lines.append(current) }
    return lines
  }
}
