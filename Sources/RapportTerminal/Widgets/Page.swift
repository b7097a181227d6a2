import RapportDomain
import RapportText

/// Draws a scrolling page of lines under a heading, from the line `scroll` on (kept within the page).
enum Page {
  static func draw(
    heading: Line, lines: [Line], scroll: Int, in body: Rect, theme: Theme, into canvas: inout Canvas
  ) {
    draw(
      heading: heading, count: lines.count, line: { lines[$0] }, scroll: scroll, in: body, theme: theme, into: &canvas)
  }

  /// The same for a long page: only the lines shown are built (`line(index)` for index in `0..<count`).
  static func draw(
    heading: Line, count: Int, line: (Int) -> Line, scroll: Int, in body: Rect, theme: Theme,
    into canvas: inout Canvas
  ) {
    canvas.draw(heading, row: body.row, column: body.column, width: body.width, theme: theme)
    let rect = Rect(row: body.row + 1, column: body.column, height: body.height - 1, width: body.width)
    guard rect.height > 0 else { return }
    let first = ListCursor.clamped(scroll, count: count, height: rect.height)
    for offset in 0..<min(rect.height, count - first) {
      canvas.draw(line(first + offset), row: rect.row + offset, column: rect.column, width: rect.width, theme: theme)
    }
  }
}
