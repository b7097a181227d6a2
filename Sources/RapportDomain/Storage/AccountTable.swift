/// The book's accounts: stored in creation order in an array (mutated in place, so folding an event
/// never copies an account), found by slug through an index.
///
/// A voided account stays in the storage at its position (the entry index points into it by position)
/// but leaves the index, so its slug is free again, and leaves `values`, `slugs` and `count`: it is in
/// no list.
public struct AccountTable: Sendable {
  private(set) var storage: [Account] = []
  /// Each live slug's position; a voided slug maps to -1 until it is used again (the table never
  /// removes a key).
  private var index = StringTable<Int>()
  /// Positions of the voided accounts.
  private(set) var voided: Set<Int> = []

  public subscript(slug: String) -> Account? {
    guard let position = position(of: slug) else { return nil }
    return storage[position]
  }

  /// Live accounts.
  public var count: Int { storage.count - voided.count }
  public var isEmpty: Bool { count == 0 }
  /// Live accounts in creation order.
  public var values: [Account] {
    voided.isEmpty ? storage : storage.indices.filter { !voided.contains($0) }.map { storage[$0] }
  }
  public var slugs: [String] { values.map(\.slug) }

  /// Accounts stored, the voided included: the range of positions.
  package var storedCount: Int { storage.count }
  /// Every account stored, the voided included, by position.
  package var stored: [Account] { storage }

  package func position(of slug: String) -> Int? {
    guard let position = index[slug], position >= 0 else { return nil }
    return position
  }

  package func isVoided(position: Int) -> Bool { !voided.isEmpty && voided.contains(position) }

  subscript(position position: Int) -> Account { storage[position] }

  /// Room for `count` accounts in all, so that reading a checkpoint's allocates the storage once.
  package mutating func reserveCapacity(_ count: Int) { storage.reserveCapacity(count) }

  package mutating func insert(_ account: Account) -> Int {
    index[account.slug] = storage.count
    storage.append(account)
    return storage.count - 1
  }

  /// Takes the account at `position` out of every list and frees its slug; it stays stored.
  package mutating func void(at position: Int) {
    if index[storage[position].slug] == position { index[storage[position].slug] = -1 }
    voided.insert(position)
  }

  /// Runs `change` on the account stored at `position`, in place.
  mutating func modify<Failure: Error>(at position: Int, _ change: (inout Account) throws(Failure) -> Void)
    throws(Failure)
  {
    try change(&storage[position])
  }
}
