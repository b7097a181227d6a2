/// `Book.tasks`: every task by its id, kept in id order in one array.
///
/// Ids are the sequence numbers of `task.created` records, so the fold only ever appends; a lookup is
/// a binary search. A dictionary cost a hash and a probe per lookup (the board looks up every open
/// task of every account) and a quarter of the time to read a checkpoint.
public struct TaskTable: Sendable, Equatable {
  private var items: [TaskItem] = []
  /// `items`' ids alone, for the search: 8 bytes a task stay in cache where the tasks themselves do not.
  private var ids: [Int] = []

  public init() {}

  /// Tasks already in increasing id order (the checkpoint's order); nil when two are not.
  init?(ordered items: [TaskItem]) {
    for index in items.indices.dropFirst() where items[index - 1].id >= items[index].id { return nil }
    self.items = items
    ids = items.map(\.id)
  }

  /// Every task, oldest id first.
  public var values: [TaskItem] { items }

  public var keys: [Int] { ids }

  public var count: Int { items.count }

  public var isEmpty: Bool { items.isEmpty }

  public subscript(id: Int) -> TaskItem? {
    get { position(of: id).map { items[$0] } }
    set {
      if let index = position(of: id) {
        if let newValue {
          items[index] = newValue
        } else {
          items.remove(at: index)
          ids.remove(at: index)
        }
      } else if let newValue {
        let index = insertionPoint(of: id)
        items.insert(newValue, at: index)
        ids.insert(id, at: index)
      }
    }
  }

  mutating func reserveCapacity(_ capacity: Int) {
    items.reserveCapacity(capacity)
    ids.reserveCapacity(capacity)
  }

  private func position(of id: Int) -> Int? {
    let index = insertionPoint(of: id)
    return index < ids.count && ids[index] == id ? index : nil
  }

  /// The first index whose task's id is not below `id`.
  private func insertionPoint(of id: Int) -> Int {
    // The fold's case: a new task's id is above every other.
    if let last = ids.last, last < id { return ids.count }
    var low = 0
    var high = ids.count
    while low < high {
      let middle = (low + high) / 2
      if ids[middle] < id { low = middle + 1 } else { high = middle }
    }
    return low
  }
}
