import RapportDomain

/// Bytes out for the checkpoint codec: LEB128 varints (zigzag for signed values), little-endian fixed
/// words, length-prefixed UTF-8 text, and symbols (strings that repeat — names, owners, slugs, event
/// types — referred to by number; the table of them is written once, ahead of everything that uses
/// it, by `writeSymbolTable(to:)`).
struct BinaryWriter {
  private(set) var bytes: [UInt8] = []
  private var symbolTable: [String: Int] = [:]
  /// The symbols by number.
  private var symbolList: [String] = []
  /// The symbol number of each `UserNames` number written so far (-1: not yet).
  private var userSymbols: [Int] = []
  /// The symbols written as users, so the reader can resolve them all before decoding.
  private var userSymbolNumbers: [Int] = []
  /// Whether each symbol (by number) was written as a one-name list by `sharedSymbols`.
  private var singleListSymbols: [Bool] = []
  /// Free text, laid out as `TextStore` lays it out, written whole with the symbols (entries refer to
  /// a text by its offset there), with the users and rare parts of the columns' values.
  private(set) var references = PortableReferences()
  /// The lists written as columns (`column(_:_:)`), for the part used where it lies.
  private(set) var columns = CheckpointColumns()

  init(capacity: Int = 0) { bytes.reserveCapacity(capacity) }

  mutating func byte(_ value: UInt8) { bytes.append(value) }

  mutating func bool(_ value: Bool) { bytes.append(value ? 1 : 0) }

  mutating func unsigned(_ value: UInt64) {
    var rest = value
    while rest >= 0x80 {
      bytes.append(UInt8(truncatingIfNeeded: rest) | 0x80)
      rest >>= 7
    }
    bytes.append(UInt8(rest))
  }

  /// A count or an index (never negative).
  mutating func count(_ value: Int) { unsigned(UInt64(max(0, value))) }

  /// A signed integer, zigzag-encoded so that small negative numbers stay short.
  mutating func int(_ value: Int) { signed(Int64(value)) }

  mutating func signed(_ value: Int64) { unsigned(UInt64(bitPattern: (value << 1) ^ (value >> 63))) }

  mutating func fixed64(_ value: UInt64) { withUnsafeBytes(of: value.littleEndian) { bytes.append(contentsOf: $0) } }

  mutating func double(_ value: Double) { fixed64(value.bitPattern) }

  mutating func raw(_ source: UnsafeRawBufferPointer) { bytes.append(contentsOf: source) }

  /// Text that rarely repeats (a summary, a comment): its length, then its UTF-8 bytes.
  mutating func text(_ value: String) {
    var value = value
    value.withUTF8 { utf8 in
      count(utf8.count)
      bytes.append(contentsOf: utf8)
    }
  }

  /// 0 for nil, else the length plus one, then the bytes.
  mutating func optionalText(_ value: String?) {
    guard var value else { return unsigned(0) }
    value.withUTF8 { utf8 in
      count(utf8.count + 1)
      bytes.append(contentsOf: utf8)
    }
  }

  /// A string that repeats, as its symbol number plus one; 0 stands for nil.
  mutating func optionalSymbol(_ value: String?) {
    guard let value else { return unsigned(0) }
    count(1 + number(of: value))
  }

  /// Writes `value` as its symbol number and returns that number.
  @discardableResult
  mutating func symbol(_ value: String) -> Int {
    let number = number(of: value)
    count(number)
    return number
  }

  /// The symbol number of `value`, numbering it the first time.
  private mutating func number(of value: String) -> Int {
    if let number = symbolTable[value] { return number }
    let number = symbolList.count
    symbolTable[value] = number
    symbolList.append(value)
    singleListSymbols.append(false)
    return number
  }

  /// Free text, as its offset among the texts written with the symbol table.
  mutating func packed(_ text: PackedText) { count(textOffset(text)) }

  /// 0 for nil, else the text's offset plus one.
  mutating func optionalPacked(_ text: PackedText?) {
    guard let text else { return unsigned(0) }
    count(1 + textOffset(text))
  }

  private mutating func textOffset(_ text: PackedText) -> Int { references.textOffset(of: text) }

  /// A list written to the column `kind`, as where it starts there and its count.
  mutating func column<Entry: MappableEntry>(_ list: BookList<Entry>, _ kind: ColumnKind) {
    count(columns.append(list, to: kind, references: &references))
    count(list.count)
  }

  /// A user's name (an entry's `recordedBy`) given by its `UserNames` number, as a symbol.
  mutating func user(_ number: UInt32) {
    let index = Int(number)
    if index < userSymbols.count, userSymbols[index] >= 0 {
      count(userSymbols[index])
      return
    }
    if index >= userSymbols.count {
      userSymbols.append(contentsOf: repeatElement(-1, count: index + 1 - userSymbols.count))
    }
    let symbol = symbol(UserNames.name(of: number))
    userSymbols[index] = symbol
    userSymbolNumbers.append(symbol)
  }

  /// The symbol table: every symbol's text in number order, then the numbers of those written as
  /// users, then those written as one-name lists; then the length of the free texts' block, which
  /// follows (`textBlock`, kept apart so that it is written to the file without another copy).
  func writeSymbolTable(to writer: inout BinaryWriter) {
    writer.list(symbolList) { $0.text($1) }
    writer.list(userSymbolNumbers) { $0.count($1) }
    writer.count(singleListSymbols.count { $0 })
    for (number, isList) in singleListSymbols.enumerated() where isList { writer.count(number) }
    writer.count(references.textBlockLength)
  }

  /// The free texts' block, laid out for `TextStore.adopt`.
  var textBlock: (chunks: [UnsafeRawBufferPointer], length: Int) {
    (references.textChunks, references.textBlockLength)
  }

  /// A length-prefixed block that `write` fills (sharing this writer's symbols), so that a reader can
  /// find the next block without decoding this one.
  mutating func block(_ write: (inout BinaryWriter) -> Void) {
    let outer = bytes
    bytes = []
    write(&self)
    let inner = bytes
    bytes = outer
    count(inner.count)
    bytes.append(contentsOf: inner)
  }

  mutating func day(_ value: Day) { int(value.number) }

  /// 0 for nil, else the zigzagged day number plus one.
  mutating func optionalDay(_ value: Day?) {
    guard let value else { return unsigned(0) }
    let number = Int64(value.number)
    unsigned(UInt64(bitPattern: (number << 1) ^ (number >> 63)) &+ 1)
  }

  mutating func optionalInt(_ value: Int?) {
    guard let value else { return unsigned(0) }
    let number = Int64(value)
    unsigned(UInt64(bitPattern: (number << 1) ^ (number >> 63)) &+ 1)
  }

  mutating func ints(_ values: [Int]) {
    count(values.count)
    for value in values { int(value) }
  }

  mutating func symbols(_ values: [String]) {
    count(values.count)
    for value in values { symbol(value) }
  }

  /// A list of names that is often a single name (participants), read back by
  /// `BinaryReader.sharedSymbols`.
  mutating func sharedSymbols(_ values: [String]) {
    count(values.count)
    for value in values {
      let number = symbol(value)
      if values.count == 1 { singleListSymbols[number] = true }
    }
  }

  /// A list: its count, then each element.
  mutating func list<Element>(_ values: [Element], _ write: (inout BinaryWriter, Element) -> Void) {
    count(values.count)
    for value in values { write(&self, value) }
  }
}
