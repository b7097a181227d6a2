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
      } else if extra <= room(in: source, from: index + width) - debt {
        text = forms.full
        debt += extra
      } else if character == "…" || character == "⋯" {
        // A cut mark: the dots go over the last characters before it, which the cut kept.
        var covered = 0
        while covered < 2, let last = out.last, last.text != " " {
          out.removeLast()
          covered += 1
        }
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

  /// Blanks the row can give back after `start`: those of the first run of two or more blanks (all but
  /// one), passing over words and single blanks; none when a cut mark (`…`) comes first (the text fills
  /// its column) or the row ends without such a run.
  private static func room(in source: [Cell], from start: Int) -> Int {
    var index = start
    while index < source.count {
      let text = source[index].text
      if text == "…" || text == "⋯" { return 0 }
      if text == " " {
        var run = 0
        while index + run < source.count, source[index + run].text == " " { run += 1 }
        if run >= 2 { return run - 1 }
        index += run
        continue
      }
      index += 1
    }
    return 0
  }
}
