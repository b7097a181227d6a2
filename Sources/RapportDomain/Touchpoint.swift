import RapportJournal

/// An interaction with the client: a call, a meeting, a QBR, a note...
public struct Touchpoint: Sendable, Equatable, AmendableEntry, MappableEntry {
  // Stored in this order so that the one-byte fields share the last word (64 bytes in all).
  public var meta: EntryMeta
  /// The day it happened (may be earlier than when it was logged).
  public var date: Day
  /// The participants, in a text of their own (`PackedText(list:)`).
  package var participantsText: PackedText
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
    participantsText = PackedText(list: event.participants)
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

  public var participants: [String] {
    get { participantsText.list }
    set { participantsText = PackedText(list: newValue) }
  }

  public func portable(in references: inout PortableReferences) -> Touchpoint {
    var touchpoint = self
    touchpoint.meta = meta.portable(in: &references)
    touchpoint.participantsText = references.text(participantsText)
    touchpoint.summaryText = references.text(summaryText)
    touchpoint.outcomeText = outcomeText.map { references.text($0) }
    return touchpoint
  }

  public func relocated(by relocation: Relocation) -> Touchpoint {
    var touchpoint = self
    touchpoint.meta = meta.relocated(by: relocation)
    touchpoint.participantsText = relocation.text(participantsText)
    touchpoint.summaryText = relocation.text(summaryText)
    touchpoint.outcomeText = outcomeText.map(relocation.text)
    return touchpoint
  }

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
    self.participantsText = PackedText(list: participants)
    self.summaryText = summaryText
    self.outcomeText = outcomeText
    self.isMeaningful = isMeaningful
    self.closes = closes
  }
}
