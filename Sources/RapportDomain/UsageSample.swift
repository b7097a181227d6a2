import RapportJournal

/// One product-usage measurement (active users, API calls... whatever the team tracks).
public struct UsageSample: Sendable, Equatable, AmendableEntry {
  public var meta: EntryMeta
  public var value: Double
  public var date: Day

  static let amendableFields = ["value", "date"]

  init(meta: EntryMeta, data: JSONObject) throws(DomainError) {
    self.init(meta: meta, try Event.UsageRecorded(data: data))
  }

  init(meta: EntryMeta, _ event: consuming Event.UsageRecorded) {
    self.meta = meta
    value = event.value
    date = event.date
  }

  var data: JSONObject { Event.UsageRecorded(value: value, date: date).data }
}

extension UsageSample {
  /// Every stored property, as the checkpoint restores them.
  package init(meta: EntryMeta, value: Double, date: Day) {
    self.meta = meta
    self.value = value
    self.date = date
  }
}
