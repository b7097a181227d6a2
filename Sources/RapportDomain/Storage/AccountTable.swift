/// The book's accounts: stored in creation order in an array (mutated in place, so folding an event
/// never copies an account), found by slug through an index.
public struct AccountTable: Sendable {
  private(set) var storage: [Account] = []
  private var index = StringTable<Int>()

  public subscript(slug: String) -> Account? {
    guard let position = index[slug] else { return nil }
    return storage[position]
  }

  public var count: Int { storage.count }
  public var isEmpty: Bool { storage.isEmpty }
  /// Accounts in creation order.
  public var values: [Account] { storage }
  public var slugs: [String] { storage.map(\.slug) }

  package func position(of slug: String) -> Int? { index[slug] }

  subscript(position position: Int) -> Account { storage[position] }

  package mutating func insert(_ account: Account) -> Int {
    index[account.slug] = storage.count
    storage.append(account)
    return storage.count - 1
  }

  /// Runs `change` on the account stored at `position`, in place.
  mutating func modify<Failure: Error>(at position: Int, _ change: (inout Account) throws(Failure) -> Void)
    throws(Failure)
  {
    try change(&storage[position])
  }
}
