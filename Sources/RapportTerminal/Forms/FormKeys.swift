import RapportDomain
import RapportJournal

/// The entry forms: opening one for the selected account, editing it key by key, saving it.
extension Dashboard {
  /// The keys that open a form on the main screen, and what each one records (from the key table).
  static var formKeys: [(key: Character, action: String)] { KeyTable.formKeys }

  /// Opens the form of `kind`, or says why it cannot open (read-only, nothing selected).
  mutating func openForm(_ kind: FormKind) {
    let action = KeyTable.bindings.first { $0.action == .openForm(kind) }?.help ?? "write"
    if let refusal = writeRefusal(for: action) {
      state.message = refusal
      return
    }
    if kind == .account {
      state.form = .account(owners: knownOwners, user: user)
      return
    }
    guard let account = standupAccount ?? selection?.account else {
      state.message = "no account selected"
      return
    }
    switch kind {
    case .touchpoint: state.form = .touchpoint(for: account)
    case .nps: state.form = .nps(for: account)
    case .owner: state.form = .owner(for: account, owners: knownOwners)
    case .handoff:
      guard account.owner != nil else {
        state.message = "\(account.slug) has no owner to hand off from: o assigns one"
        return
      }
      state.form = .handoff(for: account, owners: knownOwners)
    case .stage: state.form = .stage(for: account)
    case .criterion: state.form = .criterion(for: account)
    case .valueNote: state.form = .valueNote(for: account)
    case .retraction: openRetraction(account)
    case .account: break
    }
  }

  private mutating func openRetraction(_ account: Account) {
    guard state.focus == .detail, let entry = selectedTimelineEntry else {
      state.message = "Tab to the timeline and move to the entry to retract"
      return
    }
    guard !entry.isRetracted else {
      state.message = "#\(entry.seq) is already retracted"
      return
    }
    state.form = .retraction(of: entry, in: account)
  }

  /// The timeline entry the cursor is on.
  var selectedTimelineEntry: TimelineEntry? {
    let entries = timelineEntries
    return entries.indices.contains(state.timelineCursor) ? entries[state.timelineCursor] : nil
  }

  /// The selected account's timeline as shown (retracted entries only with `x`), newest first.
  var timelineEntries: [TimelineEntry] {
    guard let slug = selection?.account.slug else { return [] }
    return (try? desk.book.timeline(of: slug, includingRetracted: state.showRetracted)) ?? []
  }

  /// Everyone who owns an account, and the user, sorted: the choices of owner fields.
  var knownOwners: [String] { projection.knownOwners }

  mutating func reduceForm(_ action: Action) -> [Effect] {
    guard var form = state.form else { return [] }
    switch action {
    case .cancel:
      state.form = nil
      state.message = "cancelled, nothing saved"
      return []
    case .submit: return save(form)
    case .openEditor:
      guard form.focusedField.isLong else {
        state.message = "Ctrl-E opens $EDITOR on the longer text fields"
        return []
      }
      return [.edit(form.focusedField.text)]
    case .nextField: form.focusNext()
    case .previousField: form.focusPrevious()
    case .erase: form.deleteBackward()
    case .move(.down): if form.focusIsChoice { form.cycleChoice(by: 1) } else { form.focusNext() }
    case .move(.up): if form.focusIsChoice { form.cycleChoice(by: -1) } else { form.focusPrevious() }
    case .cycleChoice(let step): if form.focusIsChoice { form.cycleChoice(by: step) }
    case .type(let character): form.insert(character)
    default: break
    }
    state.form = form
    return []
  }

  /// Takes the text written in `$EDITOR` into the focused field (nil: the editor failed; keep the text).
  public mutating func finishEditing(_ text: String?) {
    guard var form = state.form else { return }
    guard let text else {
      state.message = "the editor did not save; the text is as it was"
      return
    }
    // One line in the journal's summary: the editor's line breaks become spaces, trailing ones dropped.
    let joined = text.split(whereSeparator: \.isNewline).map { String($0).trimmingSpaces() }.filter { !$0.isEmpty }
    form.setText(String(joined.joined(separator: " ").prefix(FormField.maximumLength)), of: form.focus)
    state.form = form
  }

  /// Asks for the form's command to be appended, or shows why the form is not valid yet.
  private mutating func save(_ form: EntryForm) -> [Effect] {
    switch form.command(today: today) {
    case .failure(let errors):
      state.form?.errors = errors.messages
      return []
    case .success(let command): return [.perform(command, for: .form)]
    }
  }

  /// The form's entry was appended: the form closes, the rows follow, the message says which record.
  mutating func formSaved(_ records: [Record]) -> [Effect] {
    let keep = state.form?.purpose == .account ? nil : selection?.account.slug
    state.form = nil
    let effects = absorbSaved(records, keeping: keep ?? records.first?.account)
    if state.screen == .due { clampDueCursor() }
    resetTimeline()
    state.message = records.first.map { "saved #\($0.seq)" } ?? "saved"
    return effects + [.redraw]
  }

  /// The form's entry was refused: the reason shows in the form, which stays open.
  mutating func formRefused(_ reason: String) {
    state.form?.errors = [reason]
  }
}
