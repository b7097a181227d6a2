/// A change of an account's annual contract value (nil when it was cleared).
public struct ValueChange: Sendable, Equatable {
  public var day: Day
  public var value: Money?

  package init(day: Day, value: Money?) {
    self.day = day
    self.value = value
  }
}
