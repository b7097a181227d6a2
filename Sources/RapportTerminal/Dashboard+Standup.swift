import RapportDomain

/// The weekly standup on the dashboard (`S`): one card per account on the agenda; keys move, mark
/// discussed or skipped, log a touchpoint, add action items; `F` records it and shows the summary.
extension Dashboard {
  /// Opens the standup: resumes one in progress, else starts a new one for `owner` (everyone when nil).
  public mutating func startStandup(owner: String? = nil) {
    if let session = state.standup, !session.isFinished {
      state.screen = .standup
      return
    }
    state.standup = StandupSession(agenda: StandupAgenda(book: desk.book, today: today, owner: owner))
    state.screen = .standup
    state.pageScroll = 0
    if state.standup?.agenda.items.isEmpty == true {
      state.message = "nothing on the agenda: F records an empty standup"
    }
  }

  /// The account the standup card shows, for the forms.
  var standupAccount: Account? {
    state.screen == .standup ? state.standup?.current?.account : nil
  }

  /// Whether the standup handles `key`: every key while it shows, except quit and help (unless an
  /// action item is being typed, which takes them as text).
  func standupTakes(_ key: Key) -> Bool {
    guard state.screen == .standup, let session = state.standup else { return false }
    return session.actionLine != nil || (key != .character("q") && key != .character("?"))
  }

  mutating func handleStandup(_ key: Key) -> KeyOutcome {
    guard var session = state.standup else { return .redraw }
    if session.actionLine != nil {
      editActionLine(key, in: &session)
      state.standup = session
      return .redraw
    }
    if session.isFinished {
      if key == .escape || key == .character("m") {
        state.standup = nil
        show(.main)
      } else {
        scrollPage(key)
      }
      return .redraw
    }
    switch key {
    case .character("j"), .character("n"), .down, .right, .character(" "): session.move(by: 1)
    case .character("k"), .character("p"), .up, .left: session.move(by: -1)
    case .home, .character("g"): session.index = 0
    case .end, .character("G"): session.move(by: session.agenda.items.count)
    case .enter: session.mark(discussed: true)
    case .character("s"): session.mark(discussed: false)
    case .character("o"):
      session.byOwner.toggle()
      session.replaceAgenda(
        StandupAgenda(book: desk.book, today: today, owner: session.agenda.owner, byOwner: session.byOwner))
    case .character("a"):
      if let reason = writeRefusal(for: "add an action item") {
        state.message = reason
      } else if session.current != nil {
        session.actionLine = ""
        session.actionError = nil
      }
    case .character("t"):
      state.standup = session
      openForm("t")
      return .redraw
    case .character("F"):
      state.standup = session
      finishStandup()
      return .redraw
    case .escape:
      state.standup = session
      show(.main)
      state.message = "standup paused, nothing recorded yet: S resumes it"
      return .redraw
    default: break
    }
    state.standup = session
    return .redraw
  }

  private mutating func editActionLine(_ key: Key, in session: inout StandupSession) {
    guard var line = session.actionLine else { return }
    switch key {
    case .escape:
      session.actionLine = nil
      session.actionError = nil
      return
    case .enter:
      saveActionItem(line, in: &session)
      return
    case .backspace, .delete:
      if !line.isEmpty { line.removeLast() }
    case .character(let character):
      if line.count < 500 { line.append(character) }
    default: break
    }
    session.actionLine = line
  }

  private mutating func saveActionItem(_ line: String, in session: inout StandupSession) {
    guard let slug = session.current?.account.slug else { return }
    do {
      let item = try ActionItem(parsing: line, today: today)
      let outcome = try desk.perform(item.command(for: slug), in: context())
      absorbSaved(outcome.records, keeping: selection?.account.slug)
      if let seq = outcome.records.first?.seq { session.actions.append(seq) }
      session.actionLine = nil
      session.actionError = nil
      refreshStandup(&session)
      state.message = "action item saved as task #\(outcome.records.first?.seq ?? 0)"
    } catch let error as DomainError {
      session.actionError = error.description
    } catch {
      session.actionError = "cannot save: \(error)"
    }
  }

  /// Re-reads the cards' data (after a save or others' appends), keeping the standup's accounts and order.
  mutating func refreshStandup(_ session: inout StandupSession) {
    let slugs = session.agenda.items.map(\.account.slug)
    session.replaceAgenda(
      StandupAgenda(book: desk.book, today: today, owner: session.agenda.owner, byOwner: session.byOwner, fixed: slugs))
  }

  private mutating func finishStandup() {
    guard var session = state.standup else { return }
    if let reason = writeRefusal(for: "record the standup") {
      state.message = reason
      return
    }
    let command = Command.recordStandup(
      day: today, owner: session.agenda.owner, discussed: session.discussed, skipped: session.skipped,
      actions: session.actions)
    do {
      let outcome = try desk.perform(command, in: context())
      absorbSaved(outcome.records, keeping: selection?.account.slug)
      guard let standup = desk.book.standups.last else { return }
      session.summary = StandupSummary.text(of: standup, in: desk.book)
      state.standup = session
      state.pageScroll = 0
      state.message =
        "standup recorded #\(outcome.records.first?.seq ?? standup.seq): the summary below pastes into chat"
    } catch {
      state.message = "cannot record the standup: \(error)"
    }
  }

  /// Who writes and when: the dashboard's user, its today, and the wall clock read here at the edge.
  func context() -> Context { Context(now: .now(), today: today, user: desk.user) }

  /// Why writing is off, for `action`; nil when the dashboard may write.
  func writeRefusal(for action: String) -> String? {
    readOnly ? "read-only, cannot \(action): \(readOnlyReason)" : nil
  }
}
