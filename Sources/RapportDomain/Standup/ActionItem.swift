/// An action item typed in one line at a standup, such as `call CFO @bob fri`: the text, `@owner`
/// anywhere, and a due date as the last word (`fri`, `tomorrow`, `+3d`, `2026-12-01`).
public struct ActionItem: Sendable, Equatable {
  public var text: String
  public var owner: String?
  public var due: Day

  /// How long an action item without a date has: until the next weekly standup.
  public static let defaultDays = 7

  public init(text: String, owner: String?, due: Day) {
    self.text = text
    self.owner = owner
    self.due = due
  }

  /// Parses `line`; without `@owner` the owner is nil (the caller picks the account's owner), without a
  /// date the item is due a week from `today`.
  public init(parsing line: String, today: Day) throws(DomainError) {
    var words = line.split(whereSeparator: \.isWhitespace).map(String.init)
    var owner: String?
    words = words.filter { word in
      guard word.hasPrefix("@"), word.count > 1 else { return true }
      owner = String(word.dropFirst())
      return false
    }
    if let owner { try Validation.user(owner) }
    var due = today.adding(days: Self.defaultDays)
    if let last = words.last, let day = Day(userInput: last, today: today) {
      due = day
      words.removeLast()
    }
    let text = words.joined(separator: " ")
    guard !text.isEmpty else { throw .missingValue(field: "action item text") }
    guard due >= today else {
      throw .invalidValue(field: "due date", value: due.description, expected: "today or later")
    }
    self.init(text: try Validation.text(text, field: "action item text"), owner: owner, due: due)
  }

  /// The task command for `slug`; the account's owner (else `user`) when no `@owner` was given.
  public func command(for slug: String) -> Command {
    .addTask(slug: slug, text: text, due: due, owner: owner)
  }
}
