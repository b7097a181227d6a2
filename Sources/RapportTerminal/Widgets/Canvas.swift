import RapportText

/// One terminal cell: the text it shows (one character, or empty for the right half of a wide one).
public struct Cell: Sendable, Hashable {
  public var text: String
  public var style: Style

  public static let blank = Cell(text: " ", style: .plain)
  /// The right half of a two-column character.
  public static func continuation(_ style: Style) -> Cell { Cell(text: "", style: style) }

  public var isContinuation: Bool { text.isEmpty }
}

/// An in-memory screen: views draw here, tests read it back, and the ncurses backend copies it out.
/// Text is sanitised and measured in terminal columns; nothing is ever drawn outside the grid.
public struct Canvas: Sendable, Equatable {
  public let rows: Int
  public let columns: Int
  public private(set) var cells: [Cell]

  public init(rows: Int, columns: Int) {
    self.rows = max(0, rows)
    self.columns = max(0, columns)
    cells = Array(repeating: .blank, count: self.rows * self.columns)
  }

  public subscript(row: Int, column: Int) -> Cell {
    guard (0..<rows).contains(row), (0..<columns).contains(column) else { return .blank }
    return cells[row * columns + column]
  }

  /// Draws `text` from (row, column), clipped to `width` columns (default: to the right edge); returns
  /// the number of columns used. Wide characters that would straddle the clip are replaced by a space.
  @discardableResult
  public mutating func draw(_ text: String, row: Int, column: Int, width: Int? = nil, style: Style = .plain) -> Int {
    guard (0..<rows).contains(row), column < columns else { return 0 }
    let limit = min(columns, column + (width ?? columns - column))
    var position = max(0, column)
    for character in TerminalText.sanitised(text) {
      let scalarWidth = character.unicodeScalars.reduce(0) { $0 + TerminalText.width(of: $1) }
      if scalarWidth == 0 {
        // A combining mark joins the cell before it.
        if position > max(0, column), let index = index(row, position - 1), !cells[index].isContinuation {
          cells[index].text += String(character)
        }
        continue
      }
      let cellWidth = min(2, scalarWidth)
      if position + cellWidth > limit {
        if position < limit { set(row, position, Cell(text: " ", style: style)) }
        position = limit
        break
      }
      set(row, position, Cell(text: String(character), style: style))
      if cellWidth == 2 { set(row, position + 1, .continuation(style)) }
      position += cellWidth
    }
    return position - max(0, column)
  }

  /// Fills a rectangle with spaces in `style`.
  public mutating func fill(row: Int, column: Int, height: Int, width: Int, style: Style = .plain) {
    for line in max(0, row)..<min(rows, row + height) {
      for position in max(0, column)..<min(columns, column + width) {
        set(line, position, Cell(text: " ", style: style))
      }
    }
  }

  /// One row's text as a terminal would show it (continuation cells skipped), trailing spaces kept.
  public func text(ofRow row: Int) -> String {
    guard (0..<rows).contains(row) else { return "" }
    return (0..<columns).map { self[row, $0].text }.joined()
  }

  /// The whole screen, one line per row, trailing spaces trimmed: what tests compare.
  public var lines: [String] {
    (0..<rows).map { row in
      var line = text(ofRow: row)
      while line.hasSuffix(" ") { line.removeLast() }
      return line
    }
  }

  /// Replaces a whole row's cells as they are (the ASCII fallback lays rows out again).
  mutating func replaceRow(_ row: Int, with newCells: [Cell]) {
    guard (0..<rows).contains(row), newCells.count == columns else { return }
    cells.replaceSubrange(row * columns..<(row + 1) * columns, with: newCells)
  }

  private func index(_ row: Int, _ column: Int) -> Int? {
    guard (0..<rows).contains(row), (0..<columns).contains(column) else { return nil }
    return row * columns + column
  }

  private mutating func set(_ row: Int, _ column: Int, _ cell: Cell) {
    guard let index = index(row, column) else { return }
    // Overwriting half of a wide character blanks its other half.
    if cells[index].isContinuation, column > 0 { cells[index - 1] = Cell(text: " ", style: cells[index - 1].style) }
    if !cells[index].isContinuation, column + 1 < columns, cells[index + 1].isContinuation, cell.text.count == 1,
      TerminalText.width(of: cell.text) < 2
    {
      cells[index + 1] = Cell(text: " ", style: cells[index + 1].style)
    }
    cells[index] = cell
  }
}
