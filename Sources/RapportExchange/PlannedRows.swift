/// Each row's fate, 20 bytes a row (a million-row file's rows take 20 MB): the texts of skipped rows
/// and of most unchanged ones are kept aside, once each.
struct PlannedRows: Sendable {
  /// Why a row is unchanged.
  enum Note: Sendable, Equatable {
    case inJournal
    case sameAs(line: Int)
    case other(String)

    var text: String {
      switch self {
      case .inJournal: return "already in the journal"
      case .sameAs(let line): return "same as line \(line)"
      case .other(let text): return text
      }
    }
  }

  private struct Item {
    var record: UInt32
    var line: UInt32
    var commandStart: UInt32
    var commandCount: UInt16
    /// 0 add, 1 update, 2 unchanged, 3 skipped, 4 refused.
    var action: UInt8
    /// 0 none, 1 in the journal, 2 same as line `value`, 3 text `value`.
    var note: UInt8
    var value: UInt32
  }

  private var items: [Item] = []
  private var texts: [String] = []

  var count: Int { items.count }

  mutating func append(
    line: Int, record: Int, action: ImportPlan.Row.Action, commands: Range<Int>, note: Note?
  ) {
    var item = Item(
      record: UInt32(record), line: UInt32(line), commandStart: UInt32(commands.lowerBound),
      commandCount: UInt16(commands.count), action: 0, note: 0, value: 0)
    switch action {
    case .add: item.action = 0
    case .update: item.action = 1
    case .unchanged: item.action = 2
    case .skipped(let why):
      item.action = 3
      item.value = UInt32(texts.count)
      texts.append(why)
    case .refused: item.action = 4
    }
    switch note {
    case nil: break
    case .inJournal: item.note = 1
    case .sameAs(let line):
      item.note = 2
      item.value = UInt32(line)
    case .other(let text):
      item.note = 3
      item.value = UInt32(texts.count)
      texts.append(text)
    }
    items.append(item)
  }

  subscript(index: Int) -> ImportPlan.Row {
    let item = items[index]
    let action: ImportPlan.Row.Action
    switch item.action {
    case 0: action = .add
    case 1: action = .update
    case 2: action = .unchanged
    case 3: action = .skipped(texts[Int(item.value)])
    default: action = .refused
    }
    let note: String?
    switch item.note {
    case 1: note = Note.inJournal.text
    case 2: note = Note.sameAs(line: Int(item.value)).text
    case 3: note = texts[Int(item.value)]
    default: note = nil
    }
    let start = Int(item.commandStart)
    return ImportPlan.Row(
      line: Int(item.line), record: Int(item.record), action: action,
      commands: start..<(start + Int(item.commandCount)),
      note: note)
  }

  /// How many rows have `action` (a skipped row's reason not compared).
  func count(_ action: ImportPlan.Row.Action) -> Int {
    let code: UInt8
    switch action {
    case .add: code = 0
    case .update: code = 1
    case .unchanged: code = 2
    case .skipped: code = 3
    case .refused: code = 4
    }
    return items.reduce(0) { $0 + ($1.action == code ? 1 : 0) }
  }

  /// The indices of the skipped rows, the first `limit` of them.
  func skipped(limit: Int) -> [Int] {
    var found: [Int] = []
    for index in items.indices where items[index].action == 3 {
      if found.count == limit { break }
      found.append(index)
    }
    return found
  }
}
