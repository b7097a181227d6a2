/// Text that entries repeat (a team's usual touchpoint summaries, the same participants call after
/// call, stock value notes), kept once: the fold hands each new entry's text through the pool, and an
/// equal string or list already held is shared instead of stored again (a summary is a heap object of
/// about 64 bytes; a participants list another).
///
/// Bounded: when it holds `limit` texts it starts afresh, so unique text (most free text) costs only
/// the lookups. Not part of the book's value: equality and checkpoints ignore it.
struct TextPool: Sendable {
  private var texts: Set<String> = []
  private var lists: Set<[String]> = []

  static let limit = 4096

  /// `text`, or an equal string the pool already holds. Short strings are stored inline and pass as
  /// they are.
  mutating func shared(_ text: String) -> String {
    guard text.utf8.count > 15 else { return text }
    if texts.count >= Self.limit { texts.removeAll(keepingCapacity: true) }
    return texts.insert(text).memberAfterInsert
  }

  mutating func shared(_ text: String?) -> String? { text.map { shared($0) } }

  /// `list`, or an equal list the pool already holds.
  mutating func shared(_ list: [String]) -> [String] {
    guard !list.isEmpty else { return list }
    if lists.count >= Self.limit { lists.removeAll(keepingCapacity: true) }
    return lists.insert(list).memberAfterInsert
  }
}
