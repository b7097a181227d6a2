import RapportDomain
import RapportJournal

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
    state.page = ListCursor()
    if state.standup?.agenda.items.isEmpty == true {
      state.message = "nothing on the agenda: F records an empty standup"
    }
  }

  /// The account the standup card shows, for the forms.
  var standupAccount: Account? {
    state.screen == .standup ? state.standup?.current?.account : nil
  }

  mutating func reduceStandup(_ action: Action) -> [Effect] {
    guard var session = state.standup else { return [] }
    if session.actionLine != nil {
      let effects = editActionLine(action, in: &session)
      state.standup = session
      return effects
    }
    if session.isFinished {
      switch action {
      case .back:
        state.standup = nil
        return show(.main)
      case .move(let move): scrollPage(move)
      default: break
      }
      return []
    }
    switch action {
    case .move(.down): session.move(by: 1)
    case .move(.up): session.move(by: -1)
    case .move(.first): session.index = 0
    case .move(.last): session.move(by: session.agenda.items.count)
    case .markDiscussed: session.mark(discussed: true)
    case .skip: session.mark(discussed: false)
    case .regroup:
      session.byOwner.toggle()
      session.replaceAgenda(
        StandupAgenda(book: desk.book, today: today, owner: session.agenda.owner, byOwner: session.byOwner))
    case .addActionItem:
      if let reason = writeRefusal(for: "add an action item") {
        state.message = reason
      } else if session.current != nil {
        session.actionLine = ""
        session.actionError = nil
      }
    case .openForm(let kind):
      state.standup = session
      openForm(kind)
      return []
    case .finishStandup:
      state.standup = session
      return finishStandup()
    case .back:
      state.standup = session
      state.message = "standup paused, nothing recorded yet: S resumes it"
      return show(.main)
    default: break
    }
    state.standup = session
    return []
  }

  private mutating func editActionLine(_ action: Action, in session: inout StandupSession) -> [Effect] {
    guard var line = session.actionLine else { return [] }
    switch action {
    case .cancel:
      session.actionLine = nil
      session.actionError = nil
      return []
    case .submit: return saveActionItem(line, in: &session)
    case .erase:
      if !line.isEmpty { line.removeLast() }
    case .type(let character):
      if line.count < 500 { line.append(character) }
    default: break
    }
    session.actionLine = line
    return []
  }

  /// Asks for the action item to be appended as a task on the card's account, or shows why it cannot be.
  private mutating func saveActionItem(_ line: String, in session: inout StandupSession) -> [Effect] {
    guard let slug = session.current?.account.slug else { return [] }
    do {
      let item = try ActionItem(parsing: line, today: today)
      return [.perform(item.command(for: slug), for: .actionItem)]
    } catch let error as DomainError {
      session.actionError = error.description
    } catch {
      session.actionError = "cannot save: \(error)"
    }
    return []
  }

  /// The action item was saved as a task: the card lists it, the line closes.
  mutating func actionItemSaved(_ records: [Record]) -> [Effect] {
    let effects = absorbSaved(records, keeping: selection?.account.slug)
    guard var session = state.standup else { return effects }
    if let seq = records.first?.seq { session.actions.append(seq) }
    session.actionLine = nil
    session.actionError = nil
    refreshStandup(&session)
    state.standup = session
    state.message = "action item saved as task #\(records.first?.seq ?? 0)"
    return effects + [.redraw]
  }

  /// Re-reads the cards' data (after a save or others' appends), keeping the standup's accounts and order.
  mutating func refreshStandup(_ session: inout StandupSession) {
    let slugs = session.agenda.items.map(\.account.slug)
    session.replaceAgenda(
      StandupAgenda(book: desk.book, today: today, owner: session.agenda.owner, byOwner: session.byOwner, fixed: slugs))
  }

  /// Asks for the standup to be recorded (discussed, skipped, the action items).
  private mutating func finishStandup() -> [Effect] {
    guard let session = state.standup else { return [] }
    if let reason = writeRefusal(for: "record the standup") {
      state.message = reason
      return []
    }
    return [
      .perform(
        .recordStandup(
          day: today, owner: session.agenda.owner, discussed: session.discussed, skipped: session.skipped,
          actions: session.actions), for: .standup)
    ]
  }

  /// The standup was recorded: the screen shows its summary.
  mutating func standupRecorded(_ records: [Record]) -> [Effect] {
    let effects = absorbSaved(records, keeping: selection?.account.slug)
    guard var session = state.standup, let standup = desk.book.standups.last else { return effects }
    session.summary = StandupSummary.text(of: standup, in: desk.book)
    state.standup = session
    state.page = ListCursor()
    state.message =
      "standup recorded #\(records.first?.seq ?? standup.seq): the summary below pastes into chat"
    return effects + [.redraw]
  }

  /// Why writing is off, for `action`; nil when the dashboard may write.
  func writeRefusal(for action: String) -> String? {
    readOnly ? "read-only, cannot \(action): \(readOnlyReason)" : nil
  }
}
