/// Lists that entries repeat (the same participants call after call), kept once: the fold hands each
/// new entry's lists through the pool, and an equal list already held is shared instead of stored
/// again (a list is a heap object of its own). Free text is shared by `TextStore`.
///
/// Bounded: when it holds `limit` lists it starts afresh, so unique lists cost only the lookups. Not
/// part of the book's value: equality and checkpoints ignore it.
struct TextPool: Sendable {
  private var lists: Set<[String]> = []

  static let limit = 4096

  /// `list`, or an equal list the pool already holds.
  mutating func shared(_ list: [String]) -> [String] {
    guard !list.isEmpty else { return list }
    if lists.count >= Self.limit { lists.removeAll(keepingCapacity: true) }
    return lists.insert(list).memberAfterInsert
  }
}
