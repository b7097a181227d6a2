import RapportJournal

/// A measurable success criterion agreed with the client.
public struct Criterion: Sendable, Equatable, AmendableEntry {
  public var meta: EntryMeta
  /// 1, 2, 3… within its account.
  public var number: Int
  package var packedText: PackedText
  public var target: Day?
  /// The day it was agreed (business date).
  public var added: Day
  public var meeting: Meeting?

  /// The `criterion.met` record.
  public struct Meeting: Sendable, Equatable, BitwiseCopyable {
    public var day: Day
    public var meta: EntryMeta

    package init(day: Day, meta: EntryMeta) {
      self.day = day
      self.meta = meta
    }
  }

  static let amendableFields = ["text", "target"]

  init(meta: EntryMeta, data: JSONObject) throws(DomainError) {
    self.init(meta: meta, try Event.CriterionAdded(data: data))
  }

  init(meta: EntryMeta, _ event: consuming Event.CriterionAdded) {
    self.meta = meta
    number = event.number
    packedText = PackedText(event.text)
    target = event.target
    added = event.date ?? Day.local(meta.recordedAt)
  }

  public var text: String {
    get { packedText.string }
    set { packedText = PackedText(newValue) }
  }

  var data: JSONObject { Event.CriterionAdded(number: number, text: text, target: target, date: added).data }

  mutating func keepState(of original: Criterion) { meeting = original.meeting }

  public var isMet: Bool { meeting.map { !$0.meta.isRetracted } ?? false }
}

extension Criterion {
  /// Every stored property, as the checkpoint restores them.
  package init(meta: EntryMeta, number: Int, packedText: PackedText, target: Day?, added: Day, meeting: Meeting?) {
    self.meta = meta
    self.number = number
    self.packedText = packedText
    self.target = target
    self.added = added
    self.meeting = meeting
  }
}
