import RapportDomain

/// The standup's action item (`a` on a card): a form titled "Action item for <Account>", so that it
/// cannot be mistaken for the account list's `a` (add an account). The text field also takes the
/// one-line syntax `call CFO @bob fri`: an `@owner` and a last-word date fill the fields left as they
/// were.
extension EntryForm {
  /// Due in a week by default: the next weekly standup.
  static let actionItemDefaultDue = "+\(ActionItem.defaultDays)d"

  public static func actionItem(for account: Account, standup: StandupTarget, owners: [String]) -> EntryForm {
    EntryForm(
      .actionItem(standup: standup), title: "Action item for \(account.name)", slug: account.slug,
      fields: [
        FormField(.text, .text(long: false)),
        FormField(.owner, .choice(owners, allowsOther: true), text: account.owner ?? ""),
        FormField(.due, .date, text: actionItemDefaultDue),
      ], focus: .text,
      note: "saved at once as a task of the standup · the text may say it all: call CFO @bob fri")
  }

  func actionItemCommand(_ reader: inout FormReader, standup: StandupTarget) -> Command? {
    guard let line = reader.text(.text, required: true) else { return nil }
    let parsed: ActionItem
    do {
      parsed = try ActionItem(parsing: line, today: reader.today)
    } catch {
      reader.problem(.text, error.description)
      return nil
    }
    // What the line says wins over the fields' defaults, not over what was typed in them.
    let untouched = { (name: FormField.Name) in self.field(name).map { $0.isDefault || $0.text.isEmpty } ?? true }
    let owner = parsed.owner.flatMap { untouched(.owner) ? $0 : nil } ?? reader.text(.owner)
    let lineHasDate = parsed.due != reader.today.adding(days: ActionItem.defaultDays)
    let due = lineHasDate && untouched(.due) ? parsed.due : reader.day(.due, required: true)
    guard let due else { return nil }
    if due < reader.today { reader.problem(.due, "today or later") }
    return .standup(standup, .addAction(account: slug, text: parsed.text, due: due, owner: owner))
  }
}
