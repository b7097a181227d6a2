import RapportJournal

/// A measurable success criterion agreed with the client.
public struct Criterion: Sendable, Equatable, AmendableEntry {
  public var meta: EntryMeta
  /// 1, 2, 3… within its account.
  public var number: Int
  var packedText: PackedText
  public var target: Day?
  /// The day it was agreed (business date).
  public var added: Day
  public var meeting: Meeting?

  /// The `criterion.met` record.
  public struct Meeting: Sendable, Equatable {
    public var day: Day
    public var meta: EntryMeta
  }

  static let amendableFields = ["text", "target"]

  init(meta: EntryMeta, data: JSONObject) throws(DomainError) {
    let fields = Fields(data: data)
    self.meta = meta
    number = try fields.int("number")
    packedText = PackedText(try fields.string("text"))
    target = try fields.optionalDay("target")
    added = try fields.optionalDay("date") ?? Day.local(meta.recordedAt)
  }

  public var text: String {
    get { packedText.string }
    set { packedText = PackedText(newValue) }
  }

  var data: JSONObject {
    var data = JSONObject([("number", .number(Double(number))), ("text", .string(text))])
    if let target { data["target"] = .string(target.description) }
    data["date"] = .string(added.description)
    return data
  }

  mutating func keepState(of original: Criterion) { meeting = original.meeting }

  public var isMet: Bool { meeting.map { !$0.meta.isRetracted } ?? false }
}
