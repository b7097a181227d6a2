import RapportText

extension Canvas {
  /// Redraws every row in ASCII, for a terminal whose locale is not UTF-8: the one place the dashboard
  /// falls back, after every view has drawn (no view knows the charset).
  ///
  /// Each character becomes its ASCII stand-in (`ASCIIText`): ▶ → >, ─ → -, é → e, 東 → ??. A stand-in
  /// wider than the character (ß → ss, → → ->, … → ...) is used only where blanks after it can give the
  /// columns back: a run of two or more blanks further on the row (a column's padding, the end of a
  /// line) loses as many, one blank always staying, so the columns after it stay where the views put
  /// them. Where there is no such room (a text that fills its column) the one-column stand-in is used,
  /// and a `…` cut mark becomes `...` over the two characters before it.
  public mutating func transliterate() {
    for row in 0..<rows {
      let start = row * columns
      let source = Array(cells[start..<start + columns])
      guard source.contains(where: { !$0.text.allSatisfy(\.isASCII) }) else { continue }
      replaceRow(row, with: Self.asciiRow(source))
    }
  }

  /// `source` (one row) in ASCII, as many cells long.
  static func asciiRow(_ source: [Cell]) -> [Cell] {
    let count = source.count
    var out: [Cell] = []
    out.reserveCapacity(count + 8)
    // Columns the row has grown by so far, to be given back by blanks.
    var debt = 0
    var index = 0
    while index < count {
      let cell = source[index]
      if cell.isContinuation {
        // A right half without its left half (never drawn so): a blank.
        out.append(Cell(text: " ", style: cell.style))
        index += 1
        continue
      }
      let width = index + 1 < count && source[index + 1].isContinuation ? 2 : 1
      guard let character = cell.text.first, !cell.text.allSatisfy(\.isASCII) else {
        // A blank after a blank gives a column back while the row is ahead.
        if debt > 0, cell.text == " ", out.last?.text == " " {
          debt -= 1
        } else {
          out.append(cell)
        }
        index += 1
        continue
      }
      let forms = ASCIIText.forms(of: character, columns: width)
      let extra = forms.full.count - width
      var text = forms.short
      if extra <= 0 {
        text = forms.full
      } else if extra <= room(in: source, after: index, width: width) - debt {
        text = forms.full
        debt += extra
      } else if isCutMark(cell) {
        // A cut mark: the dots go over the two cells before it, which the cut kept.
        let covered = min(2, out.count)
        out.removeLast(covered)
        for _ in 0..<covered { out.append(Cell(text: ".", style: cell.style)) }
        text = "."
      }
      for letter in text { out.append(Cell(text: String(letter), style: cell.style)) }
      index += width
    }
    let fill = source.last?.style ?? .plain
    while out.count < count { out.append(Cell(text: " ", style: fill)) }
    return Array(out.prefix(count))
  }

  /// Blanks the row can give back after the character at `index`: those of the first run of two or
  /// more blanks (all but one), passing over words and single blanks; none when the row ends without
  /// such a run, or when a cut mark (`…` not followed by such a run) comes first: its text fills its
  /// column. After a cut mark itself, only the blanks right after it count.
  private static func room(in source: [Cell], after index: Int, width: Int) -> Int {
    if isCutMark(source[index]) { return max(0, blanks(in: source, from: index + width) - 1) }
    var position = index + width
    while position < source.count {
      if isCutMark(source[position]) {
        let run = blanks(in: source, from: position + 1)
        if run < 2 { return 0 }
        return run - 1
      }
      if source[position].text == " " {
        let run = blanks(in: source, from: position)
        if run >= 2 { return run - 1 }
        position += run
        continue
      }
      position += 1
    }
    return 0
  }

  /// Blanks from `start` on, up to the first other cell.
  private static func blanks(in source: [Cell], from start: Int) -> Int {
    var count = 0
    while start + count < source.count, source[start + count].text == " " { count += 1 }
    return count
  }

  private static func isCutMark(_ cell: Cell) -> Bool { cell.text == "…" || cell.text == "⋯" }
}
