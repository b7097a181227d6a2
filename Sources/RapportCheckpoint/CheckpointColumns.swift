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
}

/// The columns of a checkpoint being written, laid out as the book is written (each list's place in
/// its column, and the references its values make portable) and produced one column at a time as the
/// file is written, so that the encoder never holds the columns whole.
///
/// The part starts with a directory — for each kind, its offset in the part, its count and its values'
/// stride, each a little-endian 64-bit word — then each column, at an offset that is a multiple of
/// `alignment` (the part itself starts at such an offset in the file). The checksum reads it in the
/// same pieces: the directory up to the first column, then each column up to the next. Padding is
/// zeros, so the same book always writes the same bytes.
struct CheckpointColumns {
  static let alignment = 16

  private(set) var counts = [Int](repeating: 0, count: ColumnKind.allCases.count)

  /// Makes `list`'s values' references portable (so that the texts, users and rare parts they refer to
  /// are written ahead of the columns) and gives its place in the column `kind`.
  mutating func append<Entry: MappableEntry>(
    _ list: BookList<Entry>, to kind: ColumnKind, references: inout PortableReferences
  ) -> Int {
    for entry in list { _ = entry.portable(in: &references) }
    defer { counts[kind.rawValue] += list.count }
    return counts[kind.rawValue]
  }

  /// The part's directory and where each column lies in it.
  var layout: Layout { Layout(counts: counts) }

  struct Layout {
    let counts: [Int]
    let offsets: [Int]
    /// The part's length.
    let length: Int

    init(counts: [Int]) {
      self.counts = counts
      var offset = CheckpointColumns.aligned(ColumnKind.allCases.count * 24)
      var offsets: [Int] = []
      for kind in ColumnKind.allCases {
        offsets.append(offset)
        offset = CheckpointColumns.aligned(offset + counts[kind.rawValue] * kind.stride)
      }
      self.offsets = offsets
      length = offset
    }

    /// The directory, with the zeros up to the first column.
    var directory: [UInt8] {
      var bytes: [UInt8] = []
      for kind in ColumnKind.allCases {
        for word in [offsets[kind.rawValue], counts[kind.rawValue], kind.stride] {
          withUnsafeBytes(of: UInt64(word).littleEndian) { bytes.append(contentsOf: $0) }
        }
      }
      return bytes + [UInt8](repeating: 0, count: offsets[0] - bytes.count)
    }

    /// The bytes of the column `kind` up to the next one's (its padding included).
    func length(of kind: ColumnKind) -> Int {
      (kind.rawValue + 1 < offsets.count ? offsets[kind.rawValue + 1] : length) - offsets[kind.rawValue]
    }
  }

  /// The column `kind` of `book`, as laid out by `layout`: every value in its portable form, in the
  /// order `Book.write(to:)` placed them.
  static func column(
    _ kind: ColumnKind, of book: Book, layout: Layout, references: inout PortableReferences
  ) -> [UInt8] {
    var bytes = [UInt8](repeating: 0, count: layout.length(of: kind))
    var offset = 0
    func put<Entry: MappableEntry>(_ list: BookList<Entry>) {
      let end = offset + list.count * MemoryLayout<Entry>.stride
      guard end <= bytes.count else { return }  // the layout's counts say otherwise: never
      bytes.withUnsafeMutableBytes { raw in
        for entry in list {
          raw.storeBytes(of: entry.portable(in: &references), toByteOffset: offset, as: Entry.self)
          offset += MemoryLayout<Entry>.stride
        }
      }
    }
    let accounts = book.accounts.stored
    switch kind {
    case .touchpoints: for account in accounts { put(account.touchpoints) }
    case .touchFacts: for account in accounts { put(account.touchFacts) }
    case .nps: for account in accounts { put(account.npsResponses) }
    case .usage: for account in accounts { put(account.usage) }
    case .tickets: for account in accounts { put(account.tickets) }
    case .criteria: for account in accounts { put(account.criteria) }
    case .valueNotes: for account in accounts { put(account.valueNotes) }
    case .qbrs: for account in accounts { put(account.qbrs) }
    case .tasks: put(book.tasks.columns.items)
    case .taskIDs: put(book.tasks.columns.ids)
    case .taskOpen: put(book.tasks.columns.isOpen)
    case .entries: put(book.entries.words.packed)
    }
    return bytes
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
  /// The part in the pieces its checksum reads (see `CheckpointColumns`).
  private(set) var pieces: [UnsafeRawBufferPointer] = []
  let region: MappedRegion?

  init() { region = nil }

  /// Reads the directory of `part`, which must start at an aligned address.
  init(part: UnsafeRawBufferPointer, region: MappedRegion) throws(CheckpointError) {
    self.region = region
    let kinds = ColumnKind.allCases.count
    guard let start = part.baseAddress, part.count >= kinds * 24,
      Int(bitPattern: start) % CheckpointColumns.alignment == 0
    else { throw .corrupt("the columns' directory is cut") }
    // Each column where the one before it ends (aligned), the last where the part ends: the pieces
    // cover every byte, so the checksum does.
    var expected = CheckpointColumns.aligned(kinds * 24)
    pieces.append(UnsafeRawBufferPointer(rebasing: part[0..<min(expected, part.count)]))
    for kind in 0..<kinds {
      let words = (0..<3).map {
        UInt64(littleEndian: part.loadUnaligned(fromByteOffset: kind * 24 + $0 * 8, as: UInt64.self))
      }
      guard words[0] == UInt64(expected), words[1] <= UInt64(part.count), words[2] <= 1 << 16 else {
        throw .corrupt("column \(kind) lies outside the checkpoint")
      }
      let (offset, count, stride) = (Int(words[0]), Int(words[1]), Int(words[2]))
      let end = CheckpointColumns.aligned(offset + count * stride)
      guard end <= part.count else { throw .corrupt("column \(kind) lies outside the checkpoint") }
      bases.append(start + offset)
      counts.append(count)
      strides.append(stride)
      pieces.append(UnsafeRawBufferPointer(rebasing: part[offset..<end]))
      expected = end
    }
    guard expected == part.count else { throw .corrupt("\(part.count - expected) bytes after the columns") }
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
