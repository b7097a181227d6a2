/// A plain-text table whose columns line up in a terminal, whatever the script of the cells.
public struct Table {
  public var headers: [String]
  public var rows: [[String]] = []
  /// Columns aligned to the right (numbers).
  public var rightAligned: Set<Int> = []
  /// The widest a column may grow before its cells are cut with `…`.
  public var maximumColumnWidth = 48

  public init(headers: [String], rightAligned: Set<Int> = []) {
    self.headers = headers
    self.rightAligned = rightAligned
  }

  public mutating func append(_ row: [String]) { rows.append(row.map(TerminalText.sanitised)) }

  public func rendered() -> String {
    let all = [headers] + rows
    var widths = [Int](repeating: 0, count: headers.count)
    for row in all {
      for (index, cell) in row.enumerated() where index < widths.count {
        widths[index] = min(maximumColumnWidth, max(widths[index], TerminalText.width(of: cell)))
      }
    }
    return all.map { row in
      var line = ""
      for index in widths.indices {
        let cell = index < row.count ? row[index] : ""
        let isLast = index == widths.count - 1
        let text =
          isLast && !rightAligned.contains(index)
          ? TerminalText.truncated(cell, toColumns: maximumColumnWidth)
          : TerminalText.padded(cell, toColumns: widths[index], alignRight: rightAligned.contains(index))
        line += (index == 0 ? "" : "  ") + text
      }
      return line
    }.joined(separator: "\n") + "\n"
  }
}
