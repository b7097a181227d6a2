import RapportJournal

/// An interaction with the client: a call, a meeting, a QBR, a note...
public struct Touchpoint: Sendable, Equatable, AmendableEntry {
  // Stored in this order so that the one-byte fields share the last word (64 bytes in all).
  public var meta: EntryMeta
  /// The day it happened (may be earlier than when it was logged).
  public var date: Day
  public var participants: [String]
  var summaryText: PackedText
  var outcomeText: PackedText?
  public var kind: TouchpointKind
  /// Whether it counts as a check-in; defaults from the kind, and a user may override it.
  public var isMeaningful: Bool

  static let amendableFields = ["kind", "date", "with", "summary", "outcome", "meaningful"]

  init(meta: EntryMeta, data: JSONObject) throws(DomainError) {
    let fields = Fields(data: data)
    self.meta = meta
    let kindText = try fields.string("kind")
    guard let kind = TouchpointKind(rawValue: kindText) else {
      throw .invalidValue(field: "kind", value: kindText, expected: TouchpointKind.choices)
    }
    self.kind = kind
    date = try fields.day("date")
    participants = fields.strings("with")
    summaryText = PackedText(try fields.string("summary"))
    outcomeText = fields.optionalString("outcome").map(PackedText.init)
    isMeaningful = fields.bool("meaningful", default: kind.isMeaningfulByDefault)
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
    var data = JSONObject([("kind", .string(kind.rawValue)), ("date", .string(date.description))])
    if !participants.isEmpty { data["with"] = .array(participants.map { .string($0) }) }
    data["summary"] = .string(summary)
    if let outcome { data["outcome"] = .string(outcome) }
    data["meaningful"] = .bool(isMeaningful)
    return data
  }
}
