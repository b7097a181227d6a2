import RapportJournal

/// A quarterly business review on the calendar.
public struct ScheduledQBR: Sendable, Equatable, AmendableEntry {
  public var meta: EntryMeta
  public var date: Day

  static let amendableFields = ["date"]

  init(meta: EntryMeta, data: JSONObject) throws(DomainError) {
    self.meta = meta
    date = try Fields(data: data).day("date")
  }

  var data: JSONObject { JSONObject([("date", .string(date.description))]) }
}
