import RapportDomain

/// Bytes in for the checkpoint codec: the mirror of `BinaryWriter`. Every read is bounds-checked and a
/// failure is a `CheckpointError.corrupt`, never a trap; counts are checked against the bytes left, so
/// a damaged count cannot make the reader reserve absurd amounts of memory.
///
/// The symbol table is read once, up front (`readSymbolTable`), and is read-only after that, so the
/// readers of separate blocks (`block()`) can decode on separate threads.
struct BinaryReader {
  /// The symbols, resolved once: what the readers of separate blocks share (never changed after
  /// `readSymbolTable`).
  struct Symbols: Sendable {
    var names: [String] = []
    /// The `UserNames` number of each symbol written as a user (`UInt32.max`: not a user).
    var users: [UInt32] = []
    /// The one-name list of each symbol written as one (empty: none), shared by every list of it.
    var singleLists: [[String]] = []
    /// The `TextStore` chunk holding the free texts, and its size.
    var textChunk = 0
    var textBytes = 0
    /// The columns used where they lie, and the region their lists share.
    var columns = MappedColumns()
  }

  private let base: UnsafeRawPointer
  private let end: Int
  private(set) var offset = 0
  private var table = Symbols()

  init(_ bytes: UnsafeRawBufferPointer) {
    base = bytes.baseAddress ?? UnsafeRawPointer(bitPattern: 1).unsafelyUnwrapped
    end = bytes.baseAddress == nil ? 0 : bytes.count
  }

  var remaining: Int { end - offset }

  static func corrupt(_ what: String) -> CheckpointError { .corrupt(what) }

  @inline(__always)
  mutating func byte() throws(CheckpointError) -> UInt8 {
    guard offset < end else { throw Self.corrupt("ends early") }
    let value = base.load(fromByteOffset: offset, as: UInt8.self)
    offset += 1
    return value
  }

  mutating func bool() throws(CheckpointError) -> Bool {
    switch try byte() {
    case 0: return false
    case 1: return true
    default: throw Self.corrupt("a flag is neither 0 nor 1")
    }
  }

  @inline(__always)
  mutating func unsigned() throws(CheckpointError) -> UInt64 {
    guard offset < end else { throw Self.corrupt("ends early") }
    let first = base.load(fromByteOffset: offset, as: UInt8.self)
    if first < 0x80 {
      offset += 1
      return UInt64(first)
    }
    var result: UInt64 = 0
    var shift: UInt64 = 0
    while true {
      guard offset < end, shift < 64 else { throw Self.corrupt("a number runs past its end") }
      let next = base.load(fromByteOffset: offset, as: UInt8.self)
      offset += 1
      result |= UInt64(next & 0x7F) << shift
      if next < 0x80 { return result }
      shift += 7
    }
  }

  /// A count of items that each take at least one byte (checked against what is left).
  @inline(__always)
  mutating func count() throws(CheckpointError) -> Int {
    let value = try unsigned()
    guard value <= UInt64(remaining) else { throw Self.corrupt("a count exceeds the bytes left") }
    return Int(value)
  }

  /// An index or small number that need not be backed by bytes.
  mutating func index() throws(CheckpointError) -> Int {
    let value = try unsigned()
    guard value <= UInt64(Int32.max) else { throw Self.corrupt("an index is out of range") }
    return Int(value)
  }

  @inline(__always)
  mutating func signed() throws(CheckpointError) -> Int64 {
    let raw = try unsigned()
    return Int64(bitPattern: raw >> 1) ^ -Int64(bitPattern: raw & 1)
  }

  @inline(__always)
  mutating func int() throws(CheckpointError) -> Int { Int(try signed()) }

  mutating func fixed64() throws(CheckpointError) -> UInt64 {
    guard remaining >= 8 else { throw Self.corrupt("ends early") }
    let value = base.loadUnaligned(fromByteOffset: offset, as: UInt64.self)
    offset += 8
    return UInt64(littleEndian: value)
  }

  mutating func double() throws(CheckpointError) -> Double { Double(bitPattern: try fixed64()) }

  mutating func raw(_ length: Int) throws(CheckpointError) -> UnsafeRawBufferPointer {
    guard length >= 0, remaining >= length else { throw Self.corrupt("ends early") }
    defer { offset += length }
    return UnsafeRawBufferPointer(start: base + offset, count: length)
  }

  private mutating func string(length: Int) throws(CheckpointError) -> String {
    String(decoding: try raw(length), as: UTF8.self)
  }

  mutating func text() throws(CheckpointError) -> String { try string(length: try count()) }

  mutating func optionalText() throws(CheckpointError) -> String? {
    let tag = try count()
    return tag == 0 ? nil : try string(length: tag - 1)
  }

  /// Reads the table written by `BinaryWriter.writeSymbolTable`, resolving every user's name to its
  /// `UserNames` number.
  mutating func readSymbolTable() throws(CheckpointError) {
    var table = Symbols()
    table.names = try list { reader throws(CheckpointError) in try reader.text() }
    table.users = Array(repeating: .max, count: table.names.count)
    let userCount = try count()
    for _ in 0..<userCount {
      let number = try index()
      guard number < table.names.count else { throw Self.corrupt("a user refers to no symbol") }
      table.users[number] = UserNames.number(of: table.names[number])
    }
    table.singleLists = Array(repeating: [], count: table.names.count)
    let listCount = try count()
    for _ in 0..<listCount {
      let number = try index()
      guard number < table.names.count else { throw Self.corrupt("a list refers to no symbol") }
      table.singleLists[number] = [table.names[number]]
    }
    let textBytes = try count()
    // In place: the checkpoint stays mapped for the process's life, and its texts with it.
    table.textChunk = TextStore.adoptInPlace(try raw(textBytes))
    table.textBytes = textBytes
    self.table = table
  }

  /// Uses `columns` for the lists written by `BinaryWriter.column`.
  mutating func use(_ columns: MappedColumns) { table.columns = columns }

  /// The `TextStore` chunk the texts became, and how many bytes they hold.
  var texts: (chunk: Int, bytes: Int) { (table.textChunk, table.textBytes) }

  /// A list written by `BinaryWriter.column`, where it lies in the mapped column.
  mutating func column<Entry: MappableEntry>(_ kind: ColumnKind) throws(CheckpointError) -> BookList<Entry> {
    // Positions in a column, not counts of bytes that follow: checked against the column instead.
    let start = try unsigned()
    let count = try unsigned()
    guard start <= UInt64(Int.max), count <= UInt64(Int.max) else { throw Self.corrupt("a list is out of range") }
    return try table.columns.list(kind, start: Int(start), count: Int(count))
  }

  /// Free text written by `BinaryWriter.packed`.
  mutating func packed() throws(CheckpointError) -> PackedText {
    let offset = try unsigned()
    guard offset < UInt64(table.textBytes) else { throw Self.corrupt("a text refers to nothing") }
    return PackedText(chunk: table.textChunk, offset: Int(offset))
  }

  mutating func optionalPacked() throws(CheckpointError) -> PackedText? {
    let tag = try unsigned()
    if tag == 0 { return nil }
    guard tag <= UInt64(table.textBytes) else { throw Self.corrupt("a text refers to nothing") }
    return PackedText(chunk: table.textChunk, offset: Int(tag - 1))
  }

  /// `read` over the whole of `block` (every byte used), its failure as a value: for the blocks that
  /// are decoded on every core. `what` names the contents in the message about bytes left over.
  static func decodeWhole<Value>(
    _ block: BinaryReader, _ what: String, _ read: (inout BinaryReader) throws(CheckpointError) -> Value
  ) -> Result<Value, CheckpointError> {
    var block = block
    do throws(CheckpointError) {
      let value = try read(&block)
      guard block.remaining == 0 else { return .failure(.corrupt("\(block.remaining) bytes after \(what)")) }
      return .success(value)
    } catch {
      return .failure(error)
    }
  }

  /// A block written by `BinaryWriter.block`, as a reader of its bytes alone (sharing the symbols);
  /// this reader moves past it.
  mutating func block() throws(CheckpointError) -> BinaryReader {
    var reader = BinaryReader(try raw(try count()))
    reader.table = table
    return reader
  }

  @inline(__always)
  private mutating func symbolNumber() throws(CheckpointError) -> Int {
    let number = try unsigned()
    guard number < UInt64(table.names.count) else { throw Self.corrupt("a symbol refers to nothing") }
    return Int(number)
  }

  mutating func optionalSymbol() throws(CheckpointError) -> String? {
    let tag = try unsigned()
    if tag == 0 { return nil }
    guard tag <= UInt64(table.names.count) else { throw Self.corrupt("a symbol refers to nothing") }
    return table.names[Int(tag - 1)]
  }

  /// A user's name written by `BinaryWriter.user`, as its `UserNames` number.
  mutating func user() throws(CheckpointError) -> UInt32 {
    let user = table.users[try symbolNumber()]
    guard user != .max else { throw Self.corrupt("a user's name is not listed as one") }
    return user
  }

  mutating func symbol() throws(CheckpointError) -> String { table.names[try symbolNumber()] }

  mutating func day() throws(CheckpointError) -> Day { Day(number: try int()) }

  mutating func optionalDay() throws(CheckpointError) -> Day? {
    let raw = try unsigned()
    if raw == 0 { return nil }
    let zigzag = raw - 1
    return Day(number: Int(Int64(bitPattern: zigzag >> 1) ^ -Int64(bitPattern: zigzag & 1)))
  }

  mutating func optionalInt() throws(CheckpointError) -> Int? {
    let raw = try unsigned()
    if raw == 0 { return nil }
    let zigzag = raw - 1
    return Int(Int64(bitPattern: zigzag >> 1) ^ -Int64(bitPattern: zigzag & 1))
  }

  mutating func ints() throws(CheckpointError) -> [Int] {
    let count = try count()
    var values: [Int] = []
    values.reserveCapacity(count)
    for _ in 0..<count { values.append(try int()) }
    return values
  }

  mutating func symbols() throws(CheckpointError) -> [String] {
    let count = try count()
    var values: [String] = []
    values.reserveCapacity(count)
    for _ in 0..<count { values.append(try symbol()) }
    return values
  }

  /// A list written by `BinaryWriter.symbols`, a one-name list shared with every other list of that
  /// one name (participants repeat call after call).
  mutating func sharedSymbols() throws(CheckpointError) -> [String] {
    let count = try count()
    guard count == 1 else {
      var values: [String] = []
      values.reserveCapacity(count)
      for _ in 0..<count { values.append(try symbol()) }
      return values
    }
    let number = try symbolNumber()
    let list = table.singleLists[number]
    return list.isEmpty ? [table.names[number]] : list
  }

  /// A list written by `BinaryWriter.list`, its storage reserved once.
  @inline(__always)
  mutating func list<Element>(_ read: (inout BinaryReader) throws(CheckpointError) -> Element) throws(CheckpointError)
    -> [Element]
  {
    let count = try count()
    var values: [Element] = []
    values.reserveCapacity(count)
    for _ in 0..<count { values.append(try read(&self)) }
    return values
  }
}
