import RapportJournal

/// A note of value delivered to the client.
public struct ValueNote: Sendable, Equatable, AmendableEntry {
  public var meta: EntryMeta
  public var text: String
  public var date: Day

  static let amendableFields = ["text", "date"]

  init(meta: EntryMeta, data: JSONObject) throws(DomainError) {
    let fields = Fields(data: data)
    self.meta = meta
    text = try fields.string("text")
    date = try fields.day("date")
  }

  mutating func share(_ pool: inout TextPool) { text = pool.shared(text) }

  var data: JSONObject { JSONObject([("text", .string(text)), ("date", .string(date.description))]) }
}
