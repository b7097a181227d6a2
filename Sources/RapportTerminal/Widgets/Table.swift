/// A column of a table: its title, its width in cells, its alignment, and what follows it (the gap to
/// the next column).
struct TableColumn {
  var title: String
  var width: Int
  var right = false
  var gap = " "

  /// The columns the column takes on the line, its gap included.
  var span: Int { width + gap.count }
}

/// Lines of cells under a header line, each cell fitted (sanitised, cut or padded by terminal columns)
/// to its column: the widget behind the due list and the board.
enum Table {
  /// The header line: each title in its column, in the header role.
  static func header(_ columns: [TableColumn]) -> Line {
    columns.map { cell($0.title, $0, .header) }
  }

  /// `text` fitted to `column`, then the column's gap.
  static func cell(_ text: String, _ column: TableColumn, _ role: Role = .normal) -> Segment {
    Segment(Cells.fit(text, column.width, right: column.right) + column.gap, role)
  }

  /// What `width` leaves for a last column after `columns`.
  static func remaining(_ width: Int, after columns: [TableColumn]) -> Int {
    width - columns.reduce(0) { $0 + $1.span }
  }
}
