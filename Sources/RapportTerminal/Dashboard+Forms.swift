import RapportDomain

/// The entry forms: opening one for the selected account, editing it key by key, saving it.
extension Dashboard {
  
  mutating func openTouchpointForm() {
    guard !readOnly else {
      state.message = "read-only: \(readOnlyReason)"
      return
    }
    guard let account = selection?.account else {
      state.message = "no account selected"
      return
    }
    state.form = TouchpointForm(slug: account.slug, accountName: account.name)
  }

  mutating func editForm(_ key: Key) -> KeyOutcome {
    guard var form = state.form else { return .redraw }
    switch key {
    case .escape:
      state.form = nil
      state.message = "cancelled"
      return .redraw
    case .enter:
      saveForm(form)
      return .redraw
    case .tab: form.focusNext()
    case .backTab: form.focusPrevious()
    case .backspace, .delete: form.deleteBackward()
    case .down where form.focus == .kind, .right where form.focus == .kind: form.cycleKind(by: 1)
    case .up where form.focus == .kind, .left where form.focus == .kind: form.cycleKind(by: -1)
    case .down: form.focusNext()
    case .up: form.focusPrevious()
    case .character(let character): form.insert(character)
    default: break
    }
    state.form = form
    return .redraw
  }

  mutating func saveForm(_ form: TouchpointForm) {
    var form = form
    switch form.input(today: today) {
    case .failure(let errors):
      form.errors = errors.messages
      state.form = form
    case .success(let input):
      let keep = selection?.account.slug
      do {
        let outcome = try desk.perform(.logTouchpoint(slug: form.slug, input))
        state.form = nil
        rebuild(keeping: keep)
        state.timelineScroll = 0
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
