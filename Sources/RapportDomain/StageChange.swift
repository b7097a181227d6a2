/// A move between lifecycle stages, with who and when.
public struct StageChange: Sendable, Equatable {
  public var meta: EntryMeta
  public var from: Stage?
  public var to: Stage
  public var day: Day
  /// Why (above all, why a client churned).
  public var reason: String? = nil

  package init(meta: EntryMeta, from: Stage?, to: Stage, day: Day, reason: String? = nil) {
    self.meta = meta
    self.from = from
    self.to = to
    self.day = day
    self.reason = reason
  }
}
