import RapportDomain
import RapportText

/// An entry form, drawn in a box over the middle of the screen: one row per field with its label, the
/// focused field marked and showing a cursor, hints on the right, a note, and errors in the error style.
enum FormView {
  static let labelWidth = 16

  static func draw(_ form: EntryForm, _ env: ScreenEnvironment, in body: Rect, into canvas: inout Canvas) {
    let theme = env.theme
    let width = min(76, body.width - 4)
    // The note and the errors wrap within the box, never cut.
    let noteLines = form.note.map { TextWrap.words($0, width: width - 4) } ?? []
    let errorLines = form.errors.flatMap { TextWrap.words($0, width: width - 4) }
    let noteRows = noteLines.count
    let height = min(body.height, 2 + 2 + form.fields.count + noteRows + 1 + max(1, errorLines.count) + 1)
    guard width >= 20, height >= 4 else { return }
    let top = body.row + max(0, (body.height - height) / 2)
    let left = body.column + max(0, (body.width - width) / 2)
    let inner = width - 4
    drawBox(title: form.title, top: top, left: left, height: height, width: width, theme: theme, into: &canvas)

    var row = top + 2
    for (index, field) in form.fields.enumerated() where row < top + height - 1 {
      let line = fieldLine(
        field, focused: index == form.focusIndex, today: env.today, textWidth: inner - labelWidth)
      canvas.draw(line, row: row, column: left + 2, width: inner, theme: theme)
      row += 1
    }
    for note in noteLines where row < top + height - 1 {
      canvas.draw(note, row: row, column: left + 2, width: inner, style: theme[.dim])
      row += 1
    }
    row += 1
    for message in errorLines where row < top + height - 1 {
      canvas.draw(message, row: row, column: left + 2, width: inner, style: theme[.error])
      row += 1
    }
  }

  private static func drawBox(
    title: String, top: Int, left: Int, height: Int, width: Int, theme: Theme, into canvas: inout Canvas
  ) {
    canvas.fill(row: top, column: left, height: height, width: width, style: theme[.normal])
    let border = theme[.header]
    canvas.draw("┌" + String(repeating: "─", count: width - 2) + "┐", row: top, column: left, style: border)
    for row in (top + 1)..<(top + height - 1) {
      canvas.draw("│", row: row, column: left, style: border)
      canvas.draw("│", row: row, column: left + width - 1, style: border)
    }
    canvas.draw(
      "└" + String(repeating: "─", count: width - 2) + "┘", row: top + height - 1, column: left, style: border)
    canvas.draw(" \(title) ", row: top, column: left + 2, width: width - 4, style: theme[.title])
  }

  /// The focused field's text either side of its cursor, cut to `width` columns around the cursor
  /// (`…` where it is cut).
  static func visibleText(_ field: FormField, width: Int) -> (String, String) {
    let characters = Array(field.text)
    let cursor = field.cursor
    var before = String(characters[..<cursor])
    var after = String(characters[cursor...])
    let room = max(4, width - 1)
    if TerminalText.width(of: before) > room - 1 {
      while TerminalText.width(of: before) > room - 2, !before.isEmpty { before.removeFirst() }
      before = "…" + before
    }
    let left = room - TerminalText.width(of: before)
    if TerminalText.width(of: after) > left {
      while TerminalText.width(of: after) > max(0, left - 1), !after.isEmpty { after.removeLast() }
      after += "…"
    }
    return (before, after)
  }

  static func fieldLine(_ field: FormField, focused: Bool, today: Day, textWidth: Int = 56) -> Line {
    let label = (focused ? "› " : "  ") + Cells.fit(field.name.rawValue, labelWidth - 2)
    var line: Line = [Segment(label, focused ? .key : .dim)]
    let strict = field.isStrictChoice
    if focused && !strict {
      // The cursor where it is; a long text shows the part around it.
      let (before, after) = visibleText(field, width: textWidth)
      line.append(Segment(before + "▏" + after, .selected))
    } else {
      line.append(Segment(field.text, focused ? .selected : .normal))
    }
    if field.cursor == field.text.count, let completion = field.completion, completion.count > field.text.count,
      completion.lowercased().hasPrefix(field.text.lowercased())
    {
      line.append(Segment(String(completion.dropFirst(field.text.count)), .dim))
    }
    if let hint = hint(for: field, focused: focused, today: today) { line.append(Segment("  " + hint, .dim)) }
    return line
  }

  static func hint(for field: FormField, focused: Bool, today: Day) -> String? {
    switch field.input {
    case .choice(let options, let allowsOther):
      guard focused else { return nil }
      if allowsOther { return options.isEmpty ? nil : "type, ↑↓ for \(options.count) known" }
      return "type a letter or ↑↓ (\(options.count))"
    case .date:
      if field.text.trimmingSpaces().isEmpty { return focused ? "today, yesterday, -3d, YYYY-MM-DD" : nil }
      return Day(userInput: field.text, today: today).map { "= \($0)" } ?? "today, yesterday, -3d, YYYY-MM-DD"
    case .text(let long):
      return long && focused ? "Ctrl-X: $EDITOR" : nil
    }
  }
}
