import RapportDomain
import RapportJournal

/// The weekly standup on the dashboard (`S`), in the modal slot: one card per account on the agenda;
/// keys move, mark discussed or skipped, write a note, log a touchpoint, add action items; `F` records
/// it and shows the summary; `C` shows the summary as Markdown and copies it. Every step is appended to
/// the journal as it happens (see `StandupSession`). Esc pauses it (the shell keeps it as
/// `DashboardState.pausedStandup`), `S` resumes it, as does `S` on any other dashboard.
public struct StandupModal: Sendable, Equatable {
  /// The standup in progress, or showing its summary once recorded (the card cursor is its `cards`).
  public var session: StandupSession
  /// The scroll of the summary page.
  public var summaryPage = ListCursor()
  /// Whether the summary shows as Markdown (`C`): over the cards while the standup runs, or instead of
  /// the plain summary once it is recorded.
  public var showsMarkdown = false
  /// What is typed over the card (an entry form, a note), taking every key; nil when the cards have the
  /// keys.
  public var inner: StandupInner?
  /// A question asked before going on (y/n), taking the keys.
  public var prompt: StandupPrompt?

  public init(session: StandupSession) { self.session = session }

  /// The card cursor (a cursor over the agenda, one card at a time).
  public var cards: ListCursor { session.cards }

  public var isFinished: Bool { session.isFinished }

  /// Whether a summary page shows (the recorded standup's, or the Markdown one over the cards).
  public var showsSummary: Bool { isFinished || showsMarkdown }

  /// Whether `q` asks first: the cards show with some left.
  public var asksBeforeQuitting: Bool { !showsSummary && inner == nil && session.cardsLeft > 0 }

  /// The standup `S` opens for `owner` (everyone when nil): the journal's open one, resumed where it
  /// stood (one from an earlier day asks first), else a new one (written at its first step).
  static func start(owner: String?, _ env: ScreenEnvironment) -> (StandupModal, [Effect]) {
    if let open = env.book.openStandup(owner: owner) {
      var standup = StandupModal(session: StandupSession(resuming: open, book: env.book, today: env.today))
      if open.day < env.today {
        standup.prompt = .earlier(open)
        return (standup, [])
      }
      let done = open.discussed.count + open.skipped.count
      return (standup, [.say("resumed the standup started by \(open.startedBy): \(done) of \(open.agenda.count) done")])
    }
    return fresh(owner: owner, env)
  }

  private static func fresh(owner: String?, _ env: ScreenEnvironment) -> (StandupModal, [Effect]) {
    let agenda = StandupAgenda(book: env.book, today: env.today, owner: owner)
    let standup = StandupModal(session: StandupSession(agenda: agenda))
    return (standup, agenda.items.isEmpty ? [.say("nothing on the agenda: A shows every account, F records it")] : [])
  }

  /// Applies `action` to what has the keys: the prompt, the inner form or note, the summary, else the
  /// cards.
  mutating func reduce(_ action: Action, _ env: ScreenEnvironment) -> [Effect] {
    if let prompt { return answer(prompt, action, env) }
    switch inner {
    case .form(var form):
      let effects = form.reduce(action, today: env.today)
      inner = .form(form)
      return closingInner(effects)
    case .note(var line, var error, var cursor):
      if action == .cancel {
        inner = nil
        return [.say("note not saved")]
      }
      let effects = reduceNote(&line, &error, &cursor, action, env)
      inner = .note(line, error: error, cursor: cursor)
      return effects
    case nil: break
    }
    if showsSummary { return reduceSummary(action, env) }
    return openingForm(reduceCards(action, env))
  }

  /// The answer to `prompt`.
  private mutating func answer(_ prompt: StandupPrompt, _ action: Action, _ env: ScreenEnvironment) -> [Effect] {
    let yes: Bool
    switch action {
    case .answer(let answer): yes = answer
    case .cancel:
      self.prompt = nil
      if case .earlier = prompt { return [.send(.show(.main))] }
      return []
    default: return []
    }
    self.prompt = nil
    switch prompt {
    case .quit: return yes ? [.quit] : []
    case .finish: return yes ? [.perform(.standup(session.target, .finish), for: .standup)] : []
    case .earlier:
      if yes { return [] }
      let (fresh, effects) = Self.fresh(owner: session.owner, env)
      self = fresh
      return effects + [.say("a new standup for today: the one of the earlier day stays open until this one starts")]
    }
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
    case .scrollCard(let move):
      let lines = session.current.map { StandupView.card($0, session: session, book: env.book, width: 80).count } ?? 0
      var cursor = ListCursor(scroll: session.cardScroll)
      cursor.scroll(move, count: lines, height: StandupView.cardHeight(self, env.layout))
      session.cardScroll = cursor.scroll
    case .markDiscussed: return mark(.discussed, env)
    case .skip: return mark(.skipped, env)
    case .regroup:
      session.byOwner.toggle()
      session.replaceAgenda(
        StandupAgenda(
          book: env.book, today: env.today, owner: session.owner, byOwner: session.byOwner, all: session.all,
          fixed: session.order))
    case .toggleAllAccounts: return toggleAll(env)
    case .writeNote:
      if let reason = env.writeRefusal(for: "write a note") { return [.say(reason)] }
      guard let slug = session.current?.account.slug else { return [] }
      inner = .note(session.note(of: slug) ?? "", error: nil)
    case .addActionItem:
      if let reason = env.writeRefusal(for: "add an action item") { return [.say(reason)] }
      guard let item = session.current else { return [.say("no card: A shows every account")] }
      inner = .form(.actionItem(for: item.account, standup: session.target, owners: env.projection.knownOwners))
    case .openForm(let kind): return FormOpening.open(kind, for: session.current?.account, env)
    case .copySummary:
      showsMarkdown = true
      summaryPage = ListCursor()
      return copy(env)
    case .finishStandup:
      if let reason = env.writeRefusal(for: "record the standup") { return [.say(reason)] }
      if session.cardsLeft > 0 {
        prompt = .finish
        return []
      }
      return [.perform(.standup(session.target, .finish), for: .standup)]
    case .back:
      let kept = session.open == nil ? "nothing recorded yet" : "its progress is in the journal"
      return [.send(.show(.main)), .say("standup paused (\(kept)): S resumes it")]
    default: break
    }
    return []
  }

  /// Marks the card: a `standup.reviewed` is appended, and the next card shows once it is folded. A
  /// card marked the same way again just moves on.
  private mutating func mark(_ outcome: StandupOutcome, _ env: ScreenEnvironment) -> [Effect] {
    guard let slug = session.current?.account.slug else { return [] }
    if session.open?.outcome(of: slug) == outcome {
      session.move(.down)
      return []
    }
    if let reason = env.writeRefusal(for: "mark the card \(outcome.rawValue)") { return [.say(reason)] }
    return [.perform(.standup(session.target, .review(account: slug, outcome: outcome, note: nil)), for: .standup)]
  }

  /// `A`: every account (not churned, within the owner), or back to those that need the meeting (with
  /// the cards already reviewed kept). Appended as `standup.agenda` once the standup is written.
  private mutating func toggleAll(_ env: ScreenEnvironment) -> [Effect] {
    let all = !session.all
    let wanted = StandupAgenda(book: env.book, today: env.today, owner: session.owner, all: all).items.map(
      \.account.slug)
    let order: [String]
    if all {
      order = session.order + wanted.filter { !session.order.contains($0) }
    } else {
      let kept = session.order.filter { wanted.contains($0) || session.open?.outcome(of: $0) != nil }
      order = kept + wanted.filter { !kept.contains($0) }
    }
    let said =
      all
      ? "every account: \(order.count) cards (A again: those that need the meeting)"
      : "\(order.count) cards: the accounts that need the meeting"
    guard session.open != nil else {
      session.all = all
      session.order = order
      session.replaceAgenda(
        StandupAgenda(
          book: env.book, today: env.today, owner: session.owner, byOwner: session.byOwner, all: all, fixed: order))
      return [.say(said)]
    }
    if let reason = env.writeRefusal(for: "change the agenda") { return [.say(reason)] }
    return [.perform(.standup(session.target, .changeAgenda(order, all: all)), for: .standup), .say(said)]
  }

  /// The summary page's keys: scrolling, `C` copies, Ctrl-X opens it in the editor, Esc leaves.
  private mutating func reduceSummary(_ action: Action, _ env: ScreenEnvironment) -> [Effect] {
    switch action {
    case .back:
      if isFinished { return [.dismiss, .send(.show(.main))] }
      showsMarkdown = false
    case .move(let move):
      summaryPage.scroll(move, count: summaryLines(env).count, height: env.layout.pageHeight)
    case .copySummary:
      if !showsMarkdown {
        showsMarkdown = true
        summaryPage = ListCursor()
      }
      return copy(env)
    case .openEditor: return [.edit(markdown(env))]
    case .edited: return [.say("the editor closed; the summary is as it was (rapport standup --summary prints it too)")]
    default: break
    }
    return []
  }

  /// The summary so far: the recorded one, else the open standup's progress.
  func currentSummary(_ env: ScreenEnvironment) -> StandupSummary? {
    if let summary = session.summary { return summary }
    return session.open.map { StandupSummary(open: $0, in: env.book, today: env.today) }
  }

  func markdown(_ env: ScreenEnvironment) -> String {
    currentSummary(env)?.markdown ?? "# Standup \(env.today)\n\nNothing recorded yet: no card marked.\n"
  }

  /// The summary page's lines: Markdown, or the recorded standup's plain text.
  func summaryLines(_ env: ScreenEnvironment) -> [Line] {
    let text = showsMarkdown ? markdown(env) : (session.summary?.text ?? "")
    return StandupView.summaryLines(text)
  }

  /// Copies the Markdown summary to the clipboard (OSC 52), or says where else to get it.
  private func copy(_ env: ScreenEnvironment) -> [Effect] {
    [
      .copy(
        markdown(env), what: "the standup's summary (Markdown)",
        elsewhere: "Ctrl-X opens it in $EDITOR; rapport standup --summary --format markdown prints it")
    ]
  }

  /// The note being typed: Enter appends it to the card (`standup.reviewed` with the note), Esc drops it.
  private func reduceNote(
    _ line: inout String, _ error: inout String?, _ cursor: inout Int?, _ action: Action, _ env: ScreenEnvironment
  ) -> [Effect] {
    switch action {
    case .submit:
      guard let slug = session.current?.account.slug else { return [] }
      let note = line.trimmingSpaces()
      if note.isEmpty, session.note(of: slug) == nil { return [.say("no note written")] }
      return [.perform(.standup(session.target, .review(account: slug, outcome: nil, note: note)), for: .standup)]
    default:
      if TextField.edit(&line, cursor: &cursor, action, limit: 500) { error = nil }
    }
    return []
  }

  /// The entry form over the card was saved: it closes.
  mutating func formSaved() { inner = nil }

  /// A standup step was appended as `records`: the note line closes, and once held the summary shows.
  mutating func saved(_ records: [Record], _ env: ScreenEnvironment) -> [Effect] {
    if case .note = inner { inner = nil }
    if let held = records.first(where: { $0.type == EventType.standupHeld.rawValue }),
      let standup = env.book.standups.last(where: { $0.seq == held.seq })
    {
      session.summary = StandupSummary(standup, in: env.book)
      showsMarkdown = false
      summaryPage = ListCursor()
      return [.say("standup recorded #\(held.seq): C copies the summary as Markdown")]
    }
    refresh(env)
    return []
  }

  /// A standup step was refused: the note line shows why, else the status line.
  mutating func refused(_ reason: String) -> [Effect] {
    if case .note(let line, _, let cursor) = inner {
      inner = .note(line, error: reason, cursor: cursor)
      return []
    }
    return [.say("cannot save the standup's step: \(reason)")]
  }

  /// Re-reads the standup and its cards' data (after a save or others' appends).
  mutating func refresh(_ env: ScreenEnvironment) {
    session.sync(book: env.book, today: env.today)
  }
}

/// What is typed over a standup card, taking every key until Enter or Esc.
public enum StandupInner: Sendable, Equatable {
  /// An entry form for the card's account (drawn in a box over the card): a touchpoint, an action item.
  case form(EntryForm)
  /// The card's note in one line, the problem with the last attempt to save it, and the cursor (nil: at
  /// the end).
  case note(String, error: String?, cursor: Int? = nil)
}
