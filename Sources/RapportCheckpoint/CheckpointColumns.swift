import RapportDomain

/// The lists of entries a checkpoint holds as their values' bytes, to be used where they lie in the
/// mapped file (`BookList`): the eight lists every account keeps, the tasks (items, ids, open flags)
/// and the entry index. Each column is every account's list of that kind, one after the other.
enum ColumnKind: Int, CaseIterable {
  case touchpoints, touchFacts, nps, usage, tickets, criteria, valueNotes, qbrs
  case tasks, taskIDs, taskOpen, entries

  /// The bytes each value of the column takes.
  var stride: Int {
    switch self {
    case .touchpoints: MemoryLayout<Touchpoint>.stride
    case .touchFacts: MemoryLayout<TouchFacts>.stride
    case .nps: MemoryLayout<NPSResponse>.stride
    case .usage: MemoryLayout<UsageSample>.stride
    case .tickets: MemoryLayout<Ticket>.stride
    case .criteria: MemoryLayout<Criterion>.stride
    case .valueNotes: MemoryLayout<ValueNote>.stride
    case .qbrs: MemoryLayout<ScheduledQBR>.stride
    case .tasks: MemoryLayout<TaskItem>.stride
    case .taskIDs: MemoryLayout<Int>.stride
    case .taskOpen: MemoryLayout<Bool>.stride
    case .entries: MemoryLayout<UInt64>.stride
    }
  }

  /// How many values of each kind `book` writes, by kind.
  static func counts(of book: Book, accounts: [Account], entries: Int) -> [Int] {
    var counts = [Int](repeating: 0, count: allCases.count)
    for account in accounts {
      counts[touchpoints.rawValue] += account.touchpoints.count
      counts[touchFacts.rawValue] += account.touchFacts.count
      counts[nps.rawValue] += account.npsResponses.count
      counts[usage.rawValue] += account.usage.count
      counts[tickets.rawValue] += account.tickets.count
      counts[criteria.rawValue] += account.criteria.count
      counts[valueNotes.rawValue] += account.valueNotes.count
      counts[qbrs.rawValue] += account.qbrs.count
    }
    for kind in [tasks, taskIDs, taskOpen] { counts[kind.rawValue] = book.tasks.count }
    counts[ColumnKind.entries.rawValue] = entries
    return counts
  }
}

/// The columns being written: each value in its portable form (`MappableEntry.portable(in:)`), stored
/// straight into the part's one buffer, laid out from the counts known before writing begins.
///
/// The part starts with a directory — for each kind, its offset in the part, its count and its values'
/// stride, each a little-endian 64-bit word — then each column, at an offset that is a multiple of
/// `alignment` (the part itself starts at such an offset in the file). Padding is zeros, so the same
/// book always writes the same bytes.
struct CheckpointColumns {
  static let alignment = 16

  /// The part's bytes.
  private(set) var part: [UInt8] = []
  private var cursors: [Int] = []
  private var ends: [Int] = []
  /// Whether a list did not fit the counts given (the book changed while written: never, in practice).
  private(set) var overflowed = false

  init() {}

  /// A part for columns of `counts` values of `strides` bytes, by kind.
  init(counts: [Int], strides: [Int]) {
    let kinds = ColumnKind.allCases.count
    var offset = Self.aligned(kinds * 24)
    var directory: [UInt8] = []
    for kind in 0..<kinds {
      for word in [offset, counts[kind], strides[kind]] {
        withUnsafeBytes(of: UInt64(word).littleEndian) { directory.append(contentsOf: $0) }
      }
      cursors.append(offset)
      offset = Self.aligned(offset + counts[kind] * strides[kind])
      ends.append(offset)
    }
    part = [UInt8](repeating: 0, count: offset)
    part.replaceSubrange(0..<directory.count, with: directory)
  }

  /// Appends `list` to the column `kind`; returns the position of its first value there.
  mutating func append<Entry: MappableEntry>(
    _ list: BookList<Entry>, to kind: ColumnKind, references: inout PortableReferences
  ) -> Int {
    let column = kind.rawValue
    let stride = MemoryLayout<Entry>.stride
    guard column < cursors.count, cursors[column] + list.count * stride <= ends[column] else {
      overflowed = true
      return 0
    }
    let start = cursors[column]
    part.withUnsafeMutableBytes { bytes in
      var offset = start
      for entry in list {
        bytes.storeBytes(of: entry.portable(in: &references), toByteOffset: offset, as: Entry.self)
        offset += stride
      }
    }
    cursors[column] += list.count * stride
    let columnStart = Int(
      UInt64(littleEndian: part.withUnsafeBytes { $0.loadUnaligned(fromByteOffset: column * 24, as: UInt64.self) }))
    return (start - columnStart) / stride
  }

  static func aligned(_ offset: Int) -> Int { (offset + alignment - 1) / alignment * alignment }
}

/// The columns of a mapped checkpoint, checked against the part's bounds, and the region their lists
/// share (whose relocation is set once the book's references are read).
struct MappedColumns: @unchecked Sendable {
  // @unchecked: the pointers are into a read-only mapping that stays for the process's life.
  private var bases: [UnsafeRawPointer] = []
  private var counts: [Int] = []
  private var strides: [Int] = []
  let region: MappedRegion?

  init() { region = nil }

  /// Reads the directory of `part`, which must start at an aligned address.
  init(part: UnsafeRawBufferPointer, region: MappedRegion) throws(CheckpointError) {
    self.region = region
    let kinds = ColumnKind.allCases.count
    guard let start = part.baseAddress, part.count >= kinds * 24,
      Int(bitPattern: start) % CheckpointColumns.alignment == 0
    else { throw .corrupt("the columns' directory is cut") }
    for kind in 0..<kinds {
      let words = (0..<3).map {
        Int(UInt64(littleEndian: part.loadUnaligned(fromByteOffset: kind * 24 + $0 * 8, as: UInt64.self)))
      }
      let (offset, count, stride) = (words[0], words[1], words[2])
      guard offset >= 0, offset % CheckpointColumns.alignment == 0, count >= 0, stride >= 0,
        offset <= part.count, count == 0 || stride > 0 && count <= (part.count - offset) / stride
      else { throw .corrupt("column \(kind) lies outside the checkpoint") }
      bases.append(start + offset)
      counts.append(count)
      strides.append(stride)
    }
  }

  /// The list of `count` values from `start` in the column `kind`.
  func list<Entry: MappableEntry>(_ kind: ColumnKind, start: Int, count: Int) throws(CheckpointError)
    -> BookList<Entry>
  {
    let column = kind.rawValue
    guard column < counts.count else { return BookList() }
    guard count == 0 || strides[column] == MemoryLayout<Entry>.stride else {
      throw .corrupt("column \(kind) has values of \(strides[column]) bytes")
    }
    guard start >= 0, count >= 0, start <= counts[column], count <= counts[column] - start,
      count <= Int(UInt32.max), let region
    else {
      throw .corrupt("a list lies outside column \(kind)")
    }
    return BookList(mapping: bases[column] + start * MemoryLayout<Entry>.stride, count: count, region: region)
  }

  /// The whole column `kind`.
  func column<Entry: MappableEntry>(_ kind: ColumnKind) throws(CheckpointError) -> BookList<Entry> {
    try list(kind, start: 0, count: kind.rawValue < counts.count ? counts[kind.rawValue] : 0)
  }
}
