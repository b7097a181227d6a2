import RapportDomain

/// The due screen's keys: a cursor over the plays, `e` mine or everyone's, and `t` (or Enter) opens the
/// entry that closes the play under the cursor.
extension Dashboard {
  /// The play under the due screen's cursor.
  var selectedPlay: Play? {
    let plays = duePlays
    return plays.indices.contains(state.dueCursor) ? plays[state.dueCursor] : nil
  }

  mutating func handleDue(_ key: Key) {
    let page = max(1, layout.pageHeight - 2)
    switch key {
    case .character("e"):
      state.dueScope = state.dueScope == .mine ? .everyone : .mine
      state.dueCursor = 0
      state.pageScroll = 0
      return
    case .character("t"), .enter:
      closeSelectedPlay()
      return
    case .character("j"), .down: state.dueCursor += 1
    case .character("k"), .up: state.dueCursor -= 1
    case .character("g"), .home: state.dueCursor = 0
    case .character("G"), .end: state.dueCursor = Int.max / 2
    case .pageDown: state.dueCursor += page
    case .pageUp: state.dueCursor -= page
    default: return
    }
    clampDueCursor()
  }

  /// Keeps the cursor on a play and in view (the page's first line is the column header).
  mutating func clampDueCursor() {
    state.dueCursor = max(0, min(state.dueCursor, duePlays.count - 1))
    let height = max(1, layout.pageHeight - 1)
    if state.dueCursor < state.pageScroll { state.pageScroll = state.dueCursor }
    if state.dueCursor >= state.pageScroll + height { state.pageScroll = state.dueCursor - height + 1 }
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
