/// A `config.set` record: from its day on, `key` is `value`.
public struct ConfigChange: Sendable, Equatable {
  public var meta: EntryMeta
  public var day: Day
  public var key: String
  public var value: Double

  package init(meta: EntryMeta, day: Day, key: String, value: Double) {
    self.meta = meta
    self.day = day
    self.key = key
    self.value = value
  }
}
