import RapportDomain

/// Reads typed values out of a form, collecting one "field: problem" message per bad field.
struct FormReader {
  let form: EntryForm
  let today: Day
  private(set) var errors: [String] = []

  init(_ form: EntryForm, today: Day) {
    self.form = form
    self.today = today
  }

  private func trimmed(_ name: FormField.Name) -> String {
    (form.field(name)?.value ?? "").trimmingSpaces()
  }

  private mutating func fail(_ name: FormField.Name, _ problem: String) {
    errors.append("\(name.rawValue): \(problem)")
  }

  /// The trimmed text, or nil when empty (an error when `required`).
  mutating func text(_ name: FormField.Name, required: Bool = false) -> String? {
    let text = trimmed(name)
    if text.isEmpty {
      if required { fail(name, "required") }
      return nil
    }
    return text
  }

  mutating func day(_ name: FormField.Name, required: Bool = false) -> Day? {
    guard let text = text(name, required: required) else { return nil }
    guard let day = Day(userInput: text, today: today) else {
      fail(name, "not a date (today, yesterday, -3d, YYYY-MM-DD)")
      return nil
    }
    return day
  }

  mutating func integer(_ name: FormField.Name, in range: ClosedRange<Int>, required: Bool = true) -> Int? {
    guard let text = text(name, required: required) else { return nil }
    guard let number = Int(text), range.contains(number) else {
      fail(name, "a whole number from \(range.lowerBound) to \(range.upperBound)")
      return nil
    }
    return number
  }

  mutating func money(_ name: FormField.Name) -> Money? {
    guard let text = text(name) else { return nil }
    guard let money = Money(parsing: text) else {
      fail(name, "not an amount (120000, 120k, 1.2m)")
      return nil
    }
    return money
  }

  /// Adds a problem found across fields.
  mutating func problem(_ name: FormField.Name, _ text: String) { fail(name, text) }

  /// The command when there were no problems.
  func result(_ command: Command?) -> Result<Command, FormErrors> {
    guard errors.isEmpty, let command else { return .failure(FormErrors(messages: errors)) }
    return .success(command)
  }
}
