/// An owner assignment or handoff.
public struct OwnerChange: Sendable, Equatable {
  public var meta: EntryMeta
  public var from: String?
  public var to: String?
  public var isHandoff: Bool
  public var note: String?
  public var day: Day

  package init(meta: EntryMeta, from: String?, to: String?, isHandoff: Bool, note: String?, day: Day) {
    self.meta = meta
    self.from = from
    self.to = to
    self.isHandoff = isHandoff
    self.note = note
    self.day = day
  }
}
