import RapportDomain
import RapportText

/// Every key binding, by where it applies: the key table, read out.
enum HelpView {
  /// A heading per scope, then a line per binding; the health legend at the end.
  static let lines: [Line] = {
    var lines: [Line] = []
    for scope in KeyScope.allCases {
      let bindings = KeyTable.bindings.filter { $0.scope == scope }
      guard !bindings.isEmpty else { continue }
      if !lines.isEmpty { lines.append([]) }
      lines.append([Segment(scope.title, .header)])
      for binding in bindings {
        lines.append([Segment("  " + Cells.fit(binding.keyLabel, 16), .key), Segment(binding.help)])
      }
    }
    lines.append([])
    lines.append([Segment("Health", .header)])
    lines.append([Segment("  " + KeyTable.legend)])
    return lines
  }()

  /// The lines wrapped to `width` columns: a binding's help goes on under itself, after the keys' column.
  static func lines(width: Int) -> [Line] {
    lines.flatMap { line -> [Line] in
      let indent = line.count == 2 ? TerminalText.width(of: line[0].text) : 2
      guard let last = line.last, TerminalText.width(of: line.map(\.text).joined()) > width,
        width - indent >= 10
      else { return [line] }
      let head = Array(line.dropLast())
      let parts = TextWrap.words(last.text, width: width - indent)
      guard let first = parts.first else { return [line] }
      let padding = String(repeating: " ", count: indent)
      let firstLine: Line =
        head.isEmpty ? [Segment(first, last.role)] : head + [Segment(first, last.role)]
      return [firstLine] + parts.dropFirst().map { [Segment(padding, .normal), Segment($0, last.role)] }
    }
  }

  static func draw(_ state: PageState, _ env: ScreenEnvironment, in body: Rect, into canvas: inout Canvas) {
    Page.draw(
      heading: [Segment("Keys", .title)], lines: lines(width: body.width), scroll: state.page.scroll, in: body,
      theme: env.theme, into: &canvas)
  }
}
