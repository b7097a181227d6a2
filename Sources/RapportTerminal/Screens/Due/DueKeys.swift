import RapportDomain

/// The due screen's keys: a cursor over the plays, `e` mine or everyone's, and `t` (or Enter) opens the
/// entry that closes the play under the cursor.
extension Dashboard {
  /// The play under the due screen's cursor.
  var selectedPlay: Play? {
    let plays = duePlays
    return plays.indices.contains(state.dueCursor) ? plays[state.dueCursor] : nil
  }

  mutating func reduceDue(_ action: Action) {
    switch action {
    case .toggleDueScope:
      state.dueScope = state.dueScope == .mine ? .everyone : .mine
      state.duePlays = ListCursor()
    case .closePlay: closeSelectedPlay()
    case .move(let move): state.duePlays.move(move, count: duePlays.count, height: dueHeight)
    default: break
    }
  }

  /// Plays the due screen shows at the current size (the page's first line is the column header).
  var dueHeight: Int { max(1, layout.pageHeight - 1) }

  /// Keeps the cursor on a play and in view.
  mutating func clampDueCursor() {
    state.duePlays.clamp(count: duePlays.count, height: dueHeight)
  }

  /// Opens the form that closes the play under the cursor: a touchpoint of the kind the rule looks
  /// for, a value note, a success criterion, or the task's completion.
  private mutating func closeSelectedPlay() {
    guard let play = selectedPlay, let account = desk.book.accounts[play.account] else {
      state.message = "no play selected"
      return
    }
    if let refusal = writeRefusal(for: "close a play") {
      state.message = refusal
      return
    }
    switch PlayClosing(play.code) {
    case .touchpoint(let kind):
      var form = EntryForm.touchpoint(for: account, kind: kind, note: "closes \(play.title) with \(play.evidence)")
      form.closes = play.code
      state.form = form
    case .valueNote: state.form = .valueNote(for: account)
    case .npsResponse: state.form = .nps(for: account)
    case .renewalOutcome:
      state.message = "record the outcome: rapport renewal \(account.slug) renewed|expanded|downsized|churned"
    case .criterion: state.form = .criterion(for: account)
    case .completeTask:
      guard let id = play.taskID, let task = desk.book.tasks[id] else { return }
      state.form = .taskCompletion(task, in: account)
    }
  }
}
