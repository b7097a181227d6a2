import RapportJournal

/// A note of value delivered to the client.
public struct ValueNote: Sendable, Equatable, AmendableEntry {
  public var meta: EntryMeta
  var packedText: PackedText
  public var date: Day

  static let amendableFields = ["text", "date"]

  init(meta: EntryMeta, data: JSONObject) throws(DomainError) {
    let fields = Fields(data: data)
    self.meta = meta
    packedText = PackedText(try fields.string("text"))
    date = try fields.day("date")
  }

  public var text: String {
    get { packedText.string }
    set { packedText = PackedText(newValue) }
  }

  var data: JSONObject { JSONObject([("text", .string(text)), ("date", .string(date.description))]) }
}
