/// A record of a type this version of Rapport does not know (written by a newer one): kept in the book
/// and shown in its account's timeline as such, never dropped.
public struct UnknownEvent: Sendable, Equatable {
  public var meta: EntryMeta
  /// The record's `type`.
  public var type: String
  public var account: String?
  public var day: Day

  package init(meta: EntryMeta, type: String, account: String?, day: Day) {
    self.meta = meta
    self.type = type
    self.account = account
    self.day = day
  }
}
