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
    self.init(meta: meta, try Event.QBRScheduled(data: data))
  }

  init(meta: EntryMeta, _ event: consuming Event.QBRScheduled) {
    self.meta = meta
    date = event.date
    scheduledOn = event.on ?? Day.local(meta.recordedAt)
  }

  var data: JSONObject { Event.QBRScheduled(date: date, on: scheduledOn).data }
}

extension ScheduledQBR {
  /// Every stored property, as the checkpoint restores them.
  package init(meta: EntryMeta, date: Day, scheduledOn: Day) {
    self.meta = meta
    self.date = date
    self.scheduledOn = scheduledOn
  }
}
