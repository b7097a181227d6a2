import RapportJournal

/// Which standup a step is for: one open in the journal, or a new one this step starts (its
/// `standup.started` is appended in the same batch, so looking at an agenda writes nothing).
public enum StandupTarget: Sendable, Equatable {
  /// The open standup whose `standup.started` record has this id.
  case open(id: String)
  case new(StandupPlan)
}

/// What a new standup starts with: its day, scope and agenda.
public struct StandupPlan: Sendable, Equatable {
  public var day: Day
  public var owner: String?
  public var agenda: [String]
  public var all: Bool

  public init(day: Day, owner: String?, agenda: [String], all: Bool = false) {
    self.day = day
    self.owner = owner
    self.agenda = agenda
    self.all = all
  }
}

/// One step of a standup, journaled as it happens.
public enum StandupStep: Sendable, Equatable {
  /// Only start it.
  case start
  /// A card discussed or skipped, and/or its note (an empty note clears it).
  case review(account: String, outcome: StandupOutcome?, note: String?)
  /// Every account, or the default agenda again (`A`).
  case changeAgenda([String], all: Bool)
  /// An action item: a task on the card's account, linked to the standup (owner nil: the account's).
  case addAction(account: String, text: String, due: Day, owner: String?)
  /// `F`: held, with what it did not reach.
  case finish
}

extension Command {
  /// The drafts of `step` for `target`: the new standup's start first, when it is new.
  func standupDrafts(_ target: StandupTarget, _ step: StandupStep, in book: Book, context: Context)
    throws(DomainError) -> [EventDraft]
  {
    var drafts: [EventDraft] = []
    var standup: OpenStandup
    switch target {
    case .open(let id):
      guard let open = book.openStandup(id: id) else { throw .standupNotOpen }
      standup = open
    case .new(let plan):
      try Validation.happened(plan.day, field: "standup day", today: context.today)
      if let owner = plan.owner { try Validation.user(owner) }
      try Self.checkAgenda(plan.agenda, in: book)
      let started = Event.StandupStarted(date: plan.day, owner: plan.owner, agenda: plan.agenda, all: plan.all)
      let draft = EventDraft(.standupStarted(started), account: nil)
      drafts.append(draft)
      standup = OpenStandup(
        meta: EntryMeta(seq: book.lastSeq + 1, recordedBy: context.user, recordedAt: context.now), id: draft.id,
        started)
    }
    let today = context.today
    switch step {
    case .start:
      guard !drafts.isEmpty else { throw .nothingToChange }
    case .review(let slug, let outcome, let note):
      _ = try book.account(slug)
      guard outcome != nil || note != nil else { throw .nothingToChange }
      let text = try note.map { note throws(DomainError) in try Validation.optionalText(note, field: "note") ?? "" }
      let review = Event.StandupReviewed(date: today, standup: standup.id, account: slug, outcome: outcome, note: text)
      drafts.append(EventDraft(.standupReviewed(review), account: nil))
    case .changeAgenda(let agenda, let all):
      try Self.checkAgenda(agenda, in: book)
      let change = Event.StandupAgendaChanged(date: today, standup: standup.id, agenda: agenda, all: all)
      drafts.append(EventDraft(.standupAgenda(change), account: nil))
    case .addAction(let slug, let text, let due, let owner):
      let account = try book.account(slug)
      try Validation.day(due, field: "due date")
      let owner = owner ?? account.owner ?? context.user
      try Validation.user(owner)
      let task = Event.TaskCreated(
        text: try Validation.text(text, field: "action item text"), due: due, owner: owner, date: today,
        standup: standup.id)
      drafts.append(EventDraft(.taskCreated(task), account: slug))
    case .finish:
      let held = Event.StandupHeld(
        date: today, owner: standup.owner, discussed: standup.discussed, skipped: standup.skipped,
        actions: standup.actions, started: standup.id, notReached: standup.notReached, notes: standup.notes)
      drafts.append(EventDraft(.standupHeld(held), account: nil))
    }
    return drafts
  }

  /// An agenda names known accounts, each once.
  private static func checkAgenda(_ agenda: [String], in book: Book) throws(DomainError) {
    var seen: Set<String> = []
    for slug in agenda {
      _ = try book.account(slug)
      guard seen.insert(slug).inserted else {
        throw .invalidValue(field: "standup agenda", value: slug, expected: "each account once")
      }
    }
  }
}
