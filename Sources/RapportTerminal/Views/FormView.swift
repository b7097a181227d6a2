import RapportDomain
import RapportText

/// The touchpoint form, drawn in a box over the middle of the screen: one row per field with its label,
/// the focused field marked and showing a cursor, hints on the right, and errors in the error style.
enum FormView {
  static func draw(_ form: TouchpointForm, dashboard: Dashboard, in body: Rect, into canvas: inout Canvas) {
    let theme = dashboard.theme
    let width = min(72, body.width - 4)
    let fieldRows = TouchpointForm.Field.allCases.count
    let height = min(body.height, 2 + 2 + fieldRows + 1 + max(1, form.errors.count) + 1)
    guard width >= 20, height >= 4 else { return }
    let top = body.row + max(0, (body.height - height) / 2)
    let left = body.column + max(0, (body.width - width) / 2)
    let inner = width - 4

    canvas.fill(row: top, column: left, height: height, width: width, style: theme[.normal])
    let border = theme[.header]
    canvas.draw("┌" + String(repeating: "─", count: width - 2) + "┐", row: top, column: left, style: border)
    for row in (top + 1)..<(top + height - 1) {
      canvas.draw("│", row: row, column: left, style: border)
      canvas.draw("│", row: row, column: left + width - 1, style: border)
    }
    canvas.draw(
      "└" + String(repeating: "─", count: width - 2) + "┘", row: top + height - 1, column: left, style: border)
    canvas.draw(
      " Log touchpoint: \(form.accountName) ", row: top, column: left + 2, width: width - 4, style: theme[.title])

    var row = top + 2
    let labelWidth = 16
    for field in TouchpointForm.Field.allCases where row < top + height - 1 {
      let focused = field == form.focus
      let label = (focused ? "› " : "  ") + Cells.fit(field.rawValue, labelWidth - 2)
      var line: Line = [Segment(label, focused ? .key : .dim)]
      let value = form.text(of: field) + (focused && field != .kind ? "▏" : "")
      line.append(Segment(value, focused ? .selected : .normal))
      if let hint = hint(for: field, form: form, today: dashboard.today) { line.append(Segment("  " + hint, .dim)) }
      canvas.draw(line, row: row, column: left + 2, width: inner, theme: theme)
      row += 1
    }
    row += 1
    for message in form.errors where row < top + height - 1 {
      canvas.draw(message, row: row, column: left + 2, width: inner, style: theme[.error])
      row += 1
    }
  }

  static func hint(for field: TouchpointForm.Field, form: TouchpointForm, today: Day) -> String? {
    switch field {
    case .kind:
      return field == form.focus ? "type a letter to pick" : nil
    case .date:
      return Day(userInput: form.date, today: today).map { "= \($0)" } ?? "today, yesterday, -3d, YYYY-MM-DD"
    case .with: return form.with.isEmpty ? "names, comma-separated" : nil
    case .followUpDue:
      if form.followUpDue.isEmpty { return form.followUp.isEmpty ? nil : "required with a follow-up" }
      return Day(userInput: form.followUpDue, today: today).map { "= \($0)" }
    case .summary, .followUp: return nil
    }
  }

  static let statusHint = "Tab/Shift-Tab field · Enter save · Esc cancel"
}
