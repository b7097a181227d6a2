import RapportJournal

/// A standup started and not yet held: its agenda and how far it got, folded from `standup.started`,
/// `standup.agenda`, `standup.reviewed` and the tasks linked to it, until a `standup.held` names it.
/// Any dashboard resumes it where it stood.
public struct OpenStandup: Sendable, Equatable {
  /// The `standup.started` record.
  public var meta: EntryMeta
  /// The id of the `standup.started` record, by which later events name it.
  public var id: String
  public var day: Day
  /// The owner whose accounts are reviewed; nil for the whole book.
  public var owner: String?
  /// The accounts on the agenda, in order.
  public var agenda: [String]
  /// Whether the agenda is every account (`A`).
  public var all: Bool
  public var discussed: [String] = []
  public var skipped: [String] = []
  /// Each card's note, by account.
  public var notes: [String: String] = [:]
  /// Ids of the tasks added as action items.
  public var actions: [Int] = []
  /// The sequence number of the last record that changed it.
  public var lastChange: Int

  public var seq: Int { meta.seq }
  public var startedBy: String { meta.recordedBy }

  init(meta: EntryMeta, id: String, _ event: Event.StandupStarted) {
    self.meta = meta
    self.id = id
    day = event.date
    owner = event.owner
    agenda = event.agenda
    all = event.all
    lastChange = meta.seq
  }

  /// What happened to `slug`'s card so far (nil: nothing yet).
  public func outcome(of slug: String) -> StandupOutcome? {
    if discussed.contains(slug) { return .discussed }
    if skipped.contains(slug) { return .skipped }
    return nil
  }

  /// The accounts on the agenda neither discussed nor skipped, in agenda order.
  public var notReached: [String] { agenda.filter { outcome(of: $0) == nil } }

  /// Records `outcome` for `slug` (the last one counts).
  mutating func record(_ outcome: StandupOutcome, for slug: String) {
    discussed.removeAll { $0 == slug }
    skipped.removeAll { $0 == slug }
    switch outcome {
    case .discussed: discussed.append(slug)
    case .skipped: skipped.append(slug)
    }
  }
}

extension OpenStandup {
  /// Every stored property, as the checkpoint restores them.
  package init(
    meta: EntryMeta, id: String, day: Day, owner: String?, agenda: [String], all: Bool, discussed: [String],
    skipped: [String], notes: [String: String], actions: [Int], lastChange: Int
  ) {
    self.meta = meta
    self.id = id
    self.day = day
    self.owner = owner
    self.agenda = agenda
    self.all = all
    self.discussed = discussed
    self.skipped = skipped
    self.notes = notes
    self.actions = actions
    self.lastChange = lastChange
  }
}
