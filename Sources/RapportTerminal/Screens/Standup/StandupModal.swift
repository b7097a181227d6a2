import RapportDomain
import RapportJournal

/// The weekly standup on the dashboard (`S`), in the modal slot: one card per account on the agenda;
/// keys move, mark discussed or skipped, log a touchpoint, add action items; `F` records it and shows
/// the summary. Esc pauses it (the shell keeps it as `DashboardState.pausedStandup`), `S` resumes it.
public struct StandupModal: Sendable, Equatable {
  /// The standup in progress, or showing its summary once recorded (the card cursor is its `cards`).
  public var session: StandupSession
  /// The scroll of the recorded standup's summary.
  public var summaryPage = ListCursor()
  /// What is typed over the card (an entry form, an action item), taking every key; nil when the cards
  /// have the keys.
  public var inner: StandupInner?

  public init(session: StandupSession) { self.session = session }

  /// The card cursor (a cursor over the agenda, one card at a time).
  public var cards: ListCursor { session.cards }

  public var isFinished: Bool { session.isFinished }

  /// A new standup for `owner` (everyone when nil), and what to say about it.
  static func start(owner: String?, _ env: ScreenEnvironment) -> (StandupModal, [Effect]) {
    let agenda = StandupAgenda(book: env.book, today: env.today, owner: owner)
    let standup = StandupModal(session: StandupSession(agenda: agenda))
    return (standup, agenda.items.isEmpty ? [.say("nothing on the agenda: F records an empty standup")] : [])
  }

  /// Applies `action` to what has the keys: the inner form or action item, else the cards, else the
  /// summary.
  mutating func reduce(_ action: Action, _ env: ScreenEnvironment) -> [Effect] {
    switch inner {
    case .form(var form):
      let effects = form.reduce(action, today: env.today)
      inner = .form(form)
      return closingInner(effects)
    case .actionItem(var line, var error, var cursor):
      let effects = reduceActionItem(&line, &error, &cursor, action, env)
      inner = .actionItem(line, error: error, cursor: cursor)
      return closingInner(effects)
    case nil: break
    }
    if let summary = session.summary {
      switch action {
      case .back: return [.dismiss, .send(.show(.main))]
      case .move(let move):
        summaryPage.scroll(move, count: StandupView.summaryLines(summary).count, height: env.layout.pageHeight)
      default: break
      }
      return []
    }
    return openingForm(reduceCards(action, env))
  }

  /// The inner's `.dismiss` closes the inner, not the standup.
  private mutating func closingInner(_ effects: [Effect]) -> [Effect] {
    effects.filter { effect in
      guard effect == .dismiss else { return true }
      inner = nil
      return false
    }
  }

  /// A form the cards open goes over the card, inside the standup.
  private mutating func openingForm(_ effects: [Effect]) -> [Effect] {
    effects.filter { effect in
      guard case .present(.form(let form)) = effect else { return true }
      inner = .form(form)
      return false
    }
  }

  /// The cards' keys.
  private mutating func reduceCards(_ action: Action, _ env: ScreenEnvironment) -> [Effect] {
    switch action {
    case .move(let move): session.move(move)
    case .markDiscussed: session.mark(discussed: true)
    case .skip: session.mark(discussed: false)
    case .regroup:
      session.byOwner.toggle()
      session.replaceAgenda(
        StandupAgenda(book: env.book, today: env.today, owner: session.agenda.owner, byOwner: session.byOwner))
    case .addActionItem:
      if let reason = env.writeRefusal(for: "add an action item") { return [.say(reason)] }
      if session.current != nil { inner = .actionItem("", error: nil) }
    case .openForm(let kind): return FormOpening.open(kind, for: session.current?.account, env)
    case .finishStandup:
      if let reason = env.writeRefusal(for: "record the standup") { return [.say(reason)] }
      return [
        .perform(
          .recordStandup(
            day: env.today, owner: session.agenda.owner, discussed: session.discussed, skipped: session.skipped,
            actions: session.actions), for: .standup)
      ]
    case .back: return [.send(.show(.main)), .say("standup paused, nothing recorded yet: S resumes it")]
    default: break
    }
    return []
  }

  /// The action item being typed: Enter asks for it to be saved as a task on the card's account, or
  /// says what is wrong with it.
  private func reduceActionItem(
    _ line: inout String, _ error: inout String?, _ cursor: inout Int?, _ action: Action,
    _ env: ScreenEnvironment
  ) -> [Effect] {
    switch action {
    case .cancel: return [.dismiss]
    case .submit:
      guard let slug = session.current?.account.slug else { return [] }
      do {
        let item = try ActionItem(parsing: line, today: env.today)
        return [.perform(item.command(for: slug), for: .actionItem)]
      } catch let problem {
        // A line that does not parse: what is missing or wrong in it.
        error = problem.description
      }
    case .refused(let reason, for: .actionItem): error = reason
    default: _ = TextField.edit(&line, cursor: &cursor, action, limit: 500)
    }
    return []
  }

  /// The entry form over the card was saved: it closes.
  mutating func formSaved() { inner = nil }

  /// The action item was saved as task `records.first`: the card lists it, the line closes.
  mutating func actionItemSaved(_ records: [Record], _ env: ScreenEnvironment) -> [Effect] {
    if let seq = records.first?.seq { session.actions.append(seq) }
    refresh(env)
    inner = nil
    return [.say("action item saved as task #\(records.first?.seq ?? 0)")]
  }

  /// The standup was recorded: the summary shows.
  mutating func recorded(_ records: [Record], _ env: ScreenEnvironment) -> [Effect] {
    guard let standup = env.book.standups.last else { return [] }
    session.summary = StandupSummary.text(of: standup, in: env.book)
    summaryPage = ListCursor()
    return [.say("standup recorded #\(records.first?.seq ?? standup.seq): the summary below pastes into chat")]
  }

  /// Re-reads the cards' data (after a save or others' appends), keeping the standup's accounts and order.
  mutating func refresh(_ env: ScreenEnvironment) {
    guard !session.isFinished else { return }
    let slugs = session.agenda.items.map(\.account.slug)
    session.replaceAgenda(
      StandupAgenda(
        book: env.book, today: env.today, owner: session.agenda.owner, byOwner: session.byOwner, fixed: slugs))
  }
}

/// What is typed over a standup card, taking every key until Enter or Esc.
public enum StandupInner: Sendable, Equatable {
  /// An entry form for the card's account (drawn in a box over the card).
  case form(EntryForm)
  /// An action item in one line, the problem with the last attempt to save it, and the cursor (nil: at
  /// the end).
  case actionItem(String, error: String?, cursor: Int? = nil)
}
