import RapportDomain
import RapportJournal

/// The weekly standup on the dashboard (`S`): one card per account on the agenda; keys move, mark
/// discussed or skipped, log a touchpoint, add action items; `F` records it and shows the summary.
public struct StandupState: Sendable, Equatable {
  /// The standup in progress (or paused with Esc, or showing its summary); nil when none.
  public var session: StandupSession?
  /// The scroll of the recorded standup's summary.
  public var summaryPage = ListCursor()

  public init() {}

  /// Resumes the standup in progress, else starts a new one for `owner` (everyone when nil).
  mutating func start(owner: String?, _ env: ScreenEnvironment) -> [Effect] {
    if let session, !session.isFinished { return [] }
    let agenda = StandupAgenda(book: env.book, today: env.today, owner: owner)
    session = StandupSession(agenda: agenda)
    summaryPage = ListCursor()
    return agenda.items.isEmpty ? [.say("nothing on the agenda: F records an empty standup")] : []
  }

  mutating func reduce(_ action: Action, _ env: ScreenEnvironment) -> [Effect] {
    guard var session else { return [] }
    if let summary = session.summary {
      switch action {
      case .back:
        self.session = nil
        return [.send(.show(.main))]
      case .move(let move):
        summaryPage.scroll(move, count: StandupView.summaryLines(summary).count, height: env.layout.pageHeight)
      default: break
      }
      return []
    }
    let effects = Self.reduce(&session, action, env)
    self.session = session
    return effects
  }

  /// The cards' keys.
  private static func reduce(_ session: inout StandupSession, _ action: Action, _ env: ScreenEnvironment) -> [Effect] {
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
      if session.current != nil { return [.present(.actionItem("", error: nil))] }
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

  /// The action item being typed (the modal): Enter asks for it to be saved as a task on the card's
  /// account, or says what is wrong with it.
  func reduceActionItem(_ line: inout String, _ error: inout String?, _ action: Action, _ env: ScreenEnvironment)
    -> [Effect]
  {
    switch action {
    case .cancel: return [.dismiss]
    case .submit:
      guard let slug = session?.current?.account.slug else { return [] }
      do {
        let item = try ActionItem(parsing: line, today: env.today)
        return [.perform(item.command(for: slug), for: .actionItem)]
      } catch let problem {
        // A line that does not parse: what is missing or wrong in it.
        error = problem.description
      }
    case .refused(let reason, for: .actionItem): error = reason
    default: _ = TextField.edit(&line, action, limit: 500)
    }
    return []
  }

  /// The action item was saved as task `records.first`: the card lists it, the line closes.
  mutating func actionItemSaved(_ records: [Record], _ env: ScreenEnvironment) -> [Effect] {
    if let seq = records.first?.seq { session?.actions.append(seq) }
    refresh(env)
    return [.dismiss, .say("action item saved as task #\(records.first?.seq ?? 0)")]
  }

  /// The standup was recorded: the screen shows its summary.
  mutating func recorded(_ records: [Record], _ env: ScreenEnvironment) -> [Effect] {
    guard let standup = env.book.standups.last else { return [] }
    session?.summary = StandupSummary.text(of: standup, in: env.book)
    summaryPage = ListCursor()
    return [.say("standup recorded #\(records.first?.seq ?? standup.seq): the summary below pastes into chat")]
  }

  /// Re-reads the cards' data (after a save or others' appends), keeping the standup's accounts and order.
  mutating func refresh(_ env: ScreenEnvironment) {
    guard var session, !session.isFinished else { return }
    let slugs = session.agenda.items.map(\.account.slug)
    session.replaceAgenda(
      StandupAgenda(
        book: env.book, today: env.today, owner: session.agenda.owner, byOwner: session.byOwner, fixed: slugs))
    self.session = session
  }
}
