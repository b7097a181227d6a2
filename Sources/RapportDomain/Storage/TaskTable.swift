/// `Book.tasks`: every task by its id, kept in id order in one array.
///
/// Ids are the sequence numbers of `task.created` records, so the fold only ever appends; a lookup is
/// a binary search. A dictionary costs a hash and a probe per lookup (the board looks up every open
/// task of every account), and inserting every task one by one weighs on reading a checkpoint.
public struct TaskTable: Sendable, Equatable {
  private var items = BookList<TaskItem>()
  /// `items`' ids alone, for the search: 8 bytes a task stay in cache where the tasks themselves do not.
  private var ids = BookList<Int>()
  /// Whether each task is open (neither done nor retracted), for the same reason.
  private var isOpen = BookList<Bool>()

  public init() {}

  /// Tasks already in increasing id order (the checkpoint's blocks, in order); nil when two are not.
  /// Capacity is left for the tasks created after the checkpoint (see `EntryTable.headroom`).
  package init?(ordered lists: [[TaskItem]]) {
    let count = lists.reduce(0) { $0 + $1.count }
    reserveCapacity(count + EntryTable.headroom(count))
    for list in lists {
      for task in list {
        if let last = ids.last, last >= task.id { return nil }
        items.append(task)
        ids.append(task.id)
        isOpen.append(Self.isOpen(task))
      }
    }
  }

  /// The tables a checkpoint maps, in id order (`columns` gives them to the writer).
  package init(items: BookList<TaskItem>, ids: BookList<Int>, isOpen: BookList<Bool>) {
    self.items = items
    self.ids = ids
    self.isOpen = isOpen
    reserveCapacity(items.count + EntryTable.headroom(items.count))
  }

  /// The three lists, for the checkpoint.
  package var columns: (items: BookList<TaskItem>, ids: BookList<Int>, isOpen: BookList<Bool>) { (items, ids, isOpen) }

  /// Whether the ids increase strictly (a checkpoint's tables are checked before use).
  package var isOrdered: Bool {
    guard items.count == ids.count, ids.count == isOpen.count else { return false }
    var previous = Int.min
    for (index, id) in ids.enumerated() {
      guard id > previous, items[index].id == id else { return false }
      previous = id
    }
    return true
  }

  private static func isOpen(_ task: TaskItem) -> Bool { !task.isDone && !task.meta.isRetracted }

  /// Every task, oldest id first.
  public var values: [TaskItem] { items.array }

  public var keys: [Int] { ids.array }

  public var count: Int { items.count }

  public var isEmpty: Bool { items.isEmpty }

  public subscript(id: Int) -> TaskItem? {
    get { position(of: id).map { items[$0] } }
    set {
      if let index = position(of: id) {
        if let newValue {
          items[index] = newValue
          isOpen[index] = Self.isOpen(newValue)
        } else {
          items.remove(at: index)
          ids.remove(at: index)
          isOpen.remove(at: index)
        }
      } else if let newValue {
        let index = insertionPoint(of: id)
        items.insert(newValue, at: index)
        ids.insert(id, at: index)
        isOpen.insert(Self.isOpen(newValue), at: index)
      }
    }
  }

  mutating func reserveCapacity(_ capacity: Int) {
    items.reserveCapacity(capacity)
    ids.reserveCapacity(capacity)
    isOpen.reserveCapacity(capacity)
  }

  private func position(of id: Int) -> Int? {
    let index = insertionPoint(of: id)
    return index < ids.count && ids[index] == id ? index : nil
  }

  /// The tasks among `ids` that are neither done nor retracted (only those are copied out: most of
  /// an account's tasks are done).
  func open(among ids: [Int]) -> [TaskItem] {
    var open: [TaskItem] = []
    for id in ids {
      guard let index = position(of: id), isOpen[index] else { continue }
      open.append(items[index])
    }
    return open
  }

  /// The first index whose task's id is not below `id`.
  ///
  /// Ids are sequence numbers spread over the whole journal, so the search starts where an even spread
  /// would put `id` and widens from there: a few probes instead of a binary search's fifteen cache
  /// misses (the board looks up every task of every account).
  private func insertionPoint(of id: Int) -> Int {
    guard let first = ids.first, let last = ids.last, id > first else { return 0 }
    guard id <= last else { return ids.count }
    let guess = Int(Double(id - first) / Double(last - first) * Double(ids.count - 1))
    var low: Int
    var high: Int
    var step = 1
    if ids[guess] < id {
      // The answer is above `guess`: widen upwards.
      low = guess + 1
      high = min(ids.count, low + step)
      while high < ids.count && ids[high] < id {
        low = high + 1
        step *= 2
        high = min(ids.count, low + step)
      }
    } else {
      // The answer is at `guess` or below: widen downwards.
      high = guess
      low = max(0, high - step)
      while low > 0 && ids[low] >= id {
        high = low
        step *= 2
        low = max(0, high - step)
      }
    }
    while low < high {
      let middle = (low + high) / 2
      if ids[middle] < id { low = middle + 1 } else { high = middle }
    }
    return low
  }
}
