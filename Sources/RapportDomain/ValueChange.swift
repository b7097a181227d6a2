/// A change of an account's annual contract value (nil when it was cleared).
public struct ValueChange: Sendable, Equatable {
  public var day: Day
  public var value: Money?
}
