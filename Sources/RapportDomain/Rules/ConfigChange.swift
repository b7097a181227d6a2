/// A `config.set` record: from its day on, `key` is `value`.
public struct ConfigChange: Sendable, Equatable {
  public var meta: EntryMeta
  public var day: Day
  public var key: String
  public var value: Double
}
