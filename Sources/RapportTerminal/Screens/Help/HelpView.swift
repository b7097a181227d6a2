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

  static func draw(_ state: PageState, _ env: ScreenEnvironment, in body: Rect, into canvas: inout Canvas) {
    Page.draw(
      heading: [Segment("Keys", .title)], lines: lines, scroll: state.page.scroll, in: body, theme: env.theme,
      into: &canvas)
  }
}
