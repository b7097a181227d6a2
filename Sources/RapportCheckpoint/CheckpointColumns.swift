import RapportDomain

/// The lists of entries a checkpoint holds as their values' bytes, to be used where they lie in the
/// mapped file (`BookList`): the eight lists every account keeps, the tasks (items, ids, open flags)
/// and the entry index. Each column is every account's list of that kind, one after the other.
enum ColumnKind: Int, CaseIterable {
  case touchpoints, touchFacts, nps, usage, tickets, criteria, valueNotes, qbrs
  case tasks, taskIDs, taskOpen, entries
}

/// The columns being written: each value in its portable form (`MappableEntry.portable(in:)`).
///
/// The part they make starts with a directory — for each kind, its offset in the part, its count and
/// its values' stride, each a little-endian 64-bit word — then each column, at an offset that is a
/// multiple of `alignment` (the part itself starts at such an offset in the file).
struct CheckpointColumns {
  static let alignment = 16

  private var buffers = [[UInt8]](repeating: [], count: ColumnKind.allCases.count)
  private var counts = [Int](repeating: 0, count: ColumnKind.allCases.count)
  private var strides = [Int](repeating: 0, count: ColumnKind.allCases.count)

  /// Appends `list` to the column `kind`; returns the position of its first value there.
  mutating func append<Entry: MappableEntry>(
    _ list: BookList<Entry>, to kind: ColumnKind, references: inout PortableReferences
  ) -> Int {
    let start = counts[kind.rawValue]
    strides[kind.rawValue] = MemoryLayout<Entry>.stride
    buffers[kind.rawValue].reserveCapacity(buffers[kind.rawValue].count + list.count * MemoryLayout<Entry>.stride)
    for entry in list {
      let portable = entry.portable(in: &references)
      withUnsafeBytes(of: portable) { buffers[kind.rawValue].append(contentsOf: $0) }
      // The stride's tail padding, so that the next value starts aligned.
      let padding = MemoryLayout<Entry>.stride - MemoryLayout<Entry>.size
      if padding > 0 { buffers[kind.rawValue].append(contentsOf: repeatElement(0, count: padding)) }
    }
    counts[kind.rawValue] += list.count
    return start
  }

  /// The part: the directory, then the columns.
  var part: [UInt8] {
    let kinds = ColumnKind.allCases.count
    var bytes: [UInt8] = []
    var offset = Self.aligned(kinds * 24)
    var offsets: [Int] = []
    for buffer in buffers {
      offsets.append(offset)
      offset = Self.aligned(offset + buffer.count)
    }
    bytes.reserveCapacity(offset)
    for kind in 0..<kinds {
      for word in [offsets[kind], counts[kind], strides[kind]] {
        withUnsafeBytes(of: UInt64(word).littleEndian) { bytes.append(contentsOf: $0) }
      }
    }
    for (kind, buffer) in buffers.enumerated() {
      bytes.append(contentsOf: repeatElement(0, count: offsets[kind] - bytes.count))
      bytes.append(contentsOf: buffer)
    }
    bytes.append(contentsOf: repeatElement(0, count: offset - bytes.count))
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
  let region: MappedRegion

  init() {
    region = MappedRegion()
  }

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
    guard start >= 0, count >= 0, start <= counts[column], count <= counts[column] - start else {
      throw .corrupt("a list lies outside column \(kind)")
    }
    return BookList(mapping: bases[column] + start * MemoryLayout<Entry>.stride, count: count, region: region)
  }

  /// The whole column `kind`.
  func column<Entry: MappableEntry>(_ kind: ColumnKind) throws(CheckpointError) -> BookList<Entry> {
    try list(kind, start: 0, count: kind.rawValue < counts.count ? counts[kind.rawValue] : 0)
  }
}
