import RapportJournal

/// A quarterly business review on the calendar.
public struct ScheduledQBR: Sendable, Equatable, AmendableEntry {
  public var meta: EntryMeta
  /// The meeting's day.
  public var date: Day
  /// The day it was put on the calendar (business date).
  public var scheduledOn: Day

  static let amendableFields = ["date"]

  init(meta: EntryMeta, data: JSONObject) throws(DomainError) {
    self.meta = meta
    let fields = Fields(data: data)
    date = try fields.day("date")
    scheduledOn = try fields.optionalDay("on") ?? Day.local(meta.recordedAt)
  }

  var data: JSONObject {
    JSONObject([("date", .string(date.description)), ("on", .string(scheduledOn.description))])
  }
}
