import RapportJournal

/// A weekly standup that was held: who ran it, for whose accounts, what was discussed and skipped, and
/// the action items (tasks) it produced. The next standup's "what changed" starts after it.
public struct Standup: Sendable, Equatable {
  public var meta: EntryMeta
  public var day: Day
  /// The owner whose accounts were reviewed; nil for the whole book.
  public var owner: String?
  public var discussed: [String]
  public var skipped: [String]
  /// Ids of the tasks added as action items.
  public var actions: [Int]

  public var seq: Int { meta.seq }
  public var ranBy: String { meta.recordedBy }

  init(meta: EntryMeta, _ event: consuming Event.StandupHeld) {
    self.meta = meta
    day = event.date
    owner = event.owner
    discussed = event.discussed
    skipped = event.skipped
    actions = event.actions
  }
}

extension Standup {
  /// Every stored property, as the checkpoint restores them.
  package init(meta: EntryMeta, day: Day, owner: String?, discussed: [String], skipped: [String], actions: [Int]) {
    self.meta = meta
    self.day = day
    self.owner = owner
    self.discussed = discussed
    self.skipped = skipped
    self.actions = actions
  }
}
