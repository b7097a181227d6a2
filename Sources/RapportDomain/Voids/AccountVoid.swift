/// An account voided by an `account.voided` record: which one (its place among the book's stored
/// accounts, which it keeps so that its entries stay where they were), who voided it, when and why.
public struct AccountVoid: Sendable, Equatable {
  public var meta: EntryMeta
  public var slug: String
  /// The voided account's position in the book's account storage.
  package var position: Int
  public var reason: String
  /// The business date of the void.
  public var day: Day

  package init(meta: EntryMeta, slug: String, position: Int, reason: String, day: Day) {
    self.meta = meta
    self.slug = slug
    self.position = position
    self.reason = reason
    self.day = day
  }
}
