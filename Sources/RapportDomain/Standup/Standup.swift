import RapportJournal

/// A weekly standup that was held: who ran it, for whose accounts, what was discussed, skipped and not
/// reached, each card's note, and the action items (tasks) it produced. An account's next "what changed"
/// starts after the last standup that did not leave it for later (see `left(_:)`).
public struct Standup: Sendable, Equatable {
  public var meta: EntryMeta
  public var day: Day
  /// The owner whose accounts were reviewed; nil for the whole book.
  public var owner: String?
  public var discussed: [String]
  public var skipped: [String]
  /// Ids of the tasks added as action items.
  public var actions: [Int]
  /// The id of its `standup.started` record; nil for a standup recorded in one event at the end.
  public var started: String?
  /// The accounts on its agenda that it did not reach.
  public var notReached: [String]
  /// Each card's note, by account.
  public var notes: [String: String]

  public var seq: Int { meta.seq }
  public var ranBy: String { meta.recordedBy }

  init(meta: EntryMeta, _ event: consuming Event.StandupHeld) {
    self.meta = meta
    day = event.date
    owner = event.owner
    discussed = event.discussed
    skipped = event.skipped
    actions = event.actions
    started = event.started
    notReached = event.notReached
    notes = event.notes
  }

  /// Whether it left `slug` for later: skipped it, or had it on the agenda and did not reach it. Such an
  /// account's "what changed" keeps counting from an earlier standup; accounts it discussed, or did not
  /// need to (not on its agenda), count from this one.
  public func left(_ slug: String) -> Bool { skipped.contains(slug) || notReached.contains(slug) }
}

extension Standup {
  /// Every stored property, as the checkpoint restores them.
  package init(
    meta: EntryMeta, day: Day, owner: String?, discussed: [String], skipped: [String], actions: [Int],
    started: String?, notReached: [String], notes: [String: String]
  ) {
    self.meta = meta
    self.day = day
    self.owner = owner
    self.discussed = discussed
    self.skipped = skipped
    self.actions = actions
    self.started = started
    self.notReached = notReached
    self.notes = notes
  }
}
