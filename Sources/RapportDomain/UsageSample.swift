import RapportJournal

/// One product-usage measurement (active users, API calls... whatever the team tracks).
public struct UsageSample: Sendable, Equatable, AmendableEntry {
  public var meta: EntryMeta
  public var value: Double
  public var date: Day

  static let amendableFields = ["value", "date"]

  init(meta: EntryMeta, data: JSONObject) throws(DomainError) {
    let fields = Fields(data: data)
    self.meta = meta
    value = try fields.number("value")
    guard value >= 0 else { throw .invalidValue(field: "value", value: String(value), expected: "a number ≥ 0") }
    date = try fields.day("date")
  }

  var data: JSONObject { JSONObject([("value", .number(value)), ("date", .string(date.description))]) }
}
