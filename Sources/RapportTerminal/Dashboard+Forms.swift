import RapportDomain

/// The entry forms: opening one for the selected account, editing it key by key, saving it.
extension Dashboard {
  /// The keys that open a form on the main screen, and what each one records (for help and messages).
  static let formKeys: [(key: Character, action: String)] = [
    ("t", "log a touchpoint"), ("n", "record an NPS response"), ("o", "assign an owner"), ("h", "hand off"),
    ("s", "change stage"), ("a", "add an account"), ("c", "add or meet a success criterion"),
    ("v", "add a value note"), ("u", "retract the selected timeline entry"),
  ]

  /// Opens the form of `key`, or says why it cannot open (read-only, nothing selected).
  mutating func openForm(_ key: Character) {
    let action = Self.formKeys.first { $0.key == key }?.action ?? "write"
    if let refusal = writeRefusal(for: action) {
      state.message = refusal
      return
    }
    if key == "a" {
      state.form = .account(owners: knownOwners, user: user)
      return
    }
    guard let account = standupAccount ?? selection?.account else {
      state.message = "no account selected"
      return
    }
    switch key {
    case "t": state.form = .touchpoint(for: account)
    case "n": state.form = .nps(for: account)
    case "o": state.form = .owner(for: account, owners: knownOwners)
    case "h":
      guard account.owner != nil else {
        state.message = "\(account.slug) has no owner to hand off from: o assigns one"
        return
      }
      state.form = .handoff(for: account, owners: knownOwners)
    case "s": state.form = .stage(for: account)
    case "c": state.form = .criterion(for: account)
    case "v": state.form = .valueNote(for: account)
    case "u": openRetraction(account)
    default: break
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
  var knownOwners: [String] {
    var owners = Set(rows.compactMap(\.account.owner))
    owners.insert(user)
    return owners.sorted()
  }

  mutating func editForm(_ key: Key) -> KeyOutcome {
    guard var form = state.form else { return .redraw }
    switch key {
    case .escape:
      state.form = nil
      state.message = "cancelled, nothing saved"
      return .redraw
    case .enter:
      save(form)
      return .redraw
    case .control("e"):
      guard form.focusedField.isLong else {
        state.message = "Ctrl-E opens $EDITOR on the longer text fields"
        return .redraw
      }
      return .edit(form.focusedField.text)
    case .tab: form.focusNext()
    case .backTab: form.focusPrevious()
    case .backspace, .delete: form.deleteBackward()
    case .down where form.focusIsChoice, .right where form.focusIsChoice: form.cycleChoice(by: 1)
    case .up where form.focusIsChoice, .left where form.focusIsChoice: form.cycleChoice(by: -1)
    case .down: form.focusNext()
    case .up: form.focusPrevious()
    case .character(let character): form.insert(character)
    default: break
    }
    state.form = form
    return .redraw
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

  private mutating func save(_ form: EntryForm) {
    var form = form
    switch form.command(today: today) {
    case .failure(let errors):
      form.errors = errors.messages
      state.form = form
    case .success(let command):
      let keep = form.purpose == .account ? nil : selection?.account.slug
      do {
        let outcome = try desk.perform(command, in: context())
        state.form = nil
        absorbSaved(outcome.records, keeping: keep ?? outcome.records.first?.account)
        if state.screen == .due { clampDueCursor() }
        if var session = state.standup, state.screen == .standup {
          refreshStandup(&session)
          state.standup = session
        }
        resetTimeline()
        state.message = outcome.records.first.map { "saved #\($0.seq)" } ?? "saved"
      } catch let error as DomainError {
        form.errors = [error.description]
        state.form = form
      } catch {
        form.errors = ["cannot save: \(error)"]
        state.form = form
      }
    }
  }
}
