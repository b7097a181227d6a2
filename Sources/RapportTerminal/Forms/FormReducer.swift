import RapportDomain

/// The entry form in the modal slot: editing it key by key, and asking for its command to be saved.
extension EntryForm {
  /// Applies a typing action; returns the effects (a save, `$EDITOR`, closing the form).
  mutating func reduce(_ action: Action, today: Day) -> [Effect] {
    switch action {
    case .cancel: return [.dismiss, .say("cancelled, nothing saved")]
    case .submit:
      switch command(today: today) {
      case .failure(let problems):
        errors = problems.messages
        return []
      case .success(let command): return [.perform(command, for: .form)]
      }
    case .openEditor:
      guard focusedField.isLong else { return [.say("Ctrl-X opens $EDITOR on the longer text fields")] }
      return [.edit(focusedField.text)]
    case .edited(let text):
      guard let text else { return [.say("the editor did not save; the text is as it was")] }
      // One line in the journal's summary: the editor's line breaks become spaces, trailing ones dropped.
      let joined = text.split(whereSeparator: \.isNewline).map { String($0).trimmingSpaces() }.filter { !$0.isEmpty }
      setText(String(joined.joined(separator: " ").prefix(FormField.maximumLength)), of: focus)
    case .nextField: focusNext()
    case .previousField: focusPrevious()
    case .erase: deleteBackward()
    case .move(.down): if focusIsChoice { cycleChoice(by: 1) } else { focusNext() }
    case .move(.up): if focusIsChoice { cycleChoice(by: -1) } else { focusPrevious() }
    // ← → step through a strict choice's options (it has no cursor); elsewhere they move the cursor.
    case .editLine(.left) where focusIsStrictChoice: cycleChoice(by: -1)
    case .editLine(.right) where focusIsStrictChoice: cycleChoice(by: 1)
    case .editLine(let edit): self.edit(edit)
    case .type(let character): insert(character)
    case .refused(let reason, for: .form):
      errors = [reason]
      return []
    default: return []
    }
    clearFixedErrors(today: today)
    return []
  }
}
