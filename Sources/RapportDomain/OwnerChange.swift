/// An owner assignment or handoff.
public struct OwnerChange: Sendable, Equatable {
  public var meta: EntryMeta
  public var from: String?
  public var to: String?
  public var isHandoff: Bool
  public var note: String?
  public var day: Day
}
