import RapportJournal

/// An interaction with the client: a call, a meeting, a QBR, a note...
public struct Touchpoint: Sendable, Equatable, AmendableEntry {
  // Stored in this order so that the one-byte fields share the last word (64 bytes in all).
  public var meta: EntryMeta
  /// The day it happened (may be earlier than when it was logged).
  public var date: Day
  public var participants: [String]
  package var summaryText: PackedText
  package var outcomeText: PackedText?
  public var kind: TouchpointKind
  /// Whether it counts as a check-in; defaults from the kind, and a user may override it.
  public var isMeaningful: Bool
  /// The play the entry was marked to close, if any.
  public var closes: PlayCode?

  static let amendableFields = ["kind", "date", "with", "summary", "outcome", "meaningful"]

  init(meta: EntryMeta, data: JSONObject) throws(DomainError) {
    self.init(meta: meta, try Event.TouchpointLogged(data: data))
  }

  init(meta: EntryMeta, _ event: consuming Event.TouchpointLogged) {
    self.meta = meta
    kind = event.kind
    date = event.date
    participants = event.participants
    summaryText = PackedText(event.summary)
    outcomeText = event.outcome.map(PackedText.init)
    isMeaningful = event.meaningful ?? event.kind.isMeaningfulByDefault
    closes = event.closes
  }

  public var summary: String {
    get { summaryText.string }
    set { summaryText = PackedText(newValue) }
  }

  public var outcome: String? {
    get { outcomeText?.string }
    set { outcomeText = newValue.map(PackedText.init) }
  }

  mutating func share(_ pool: inout TextPool) { participants = pool.shared(participants) }

  var data: JSONObject {
    Event.TouchpointLogged(
      kind: kind, date: date, participants: participants, summary: summary, outcome: outcome,
      meaningful: isMeaningful, closes: closes
    ).data
  }
}

extension Touchpoint {
  /// Every stored property, as the checkpoint restores them.
  package init(
    meta: EntryMeta, kind: TouchpointKind, date: Day, participants: [String], summaryText: PackedText,
    outcomeText: PackedText?, isMeaningful: Bool, closes: PlayCode?
  ) {
    self.meta = meta
    self.kind = kind
    self.date = date
    self.participants = participants
    self.summaryText = summaryText
    self.outcomeText = outcomeText
    self.isMeaningful = isMeaningful
    self.closes = closes
  }
}
