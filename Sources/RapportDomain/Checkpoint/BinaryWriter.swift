/// Bytes out for the checkpoint codec: LEB128 varints (zigzag for signed values), little-endian fixed
/// words, length-prefixed UTF-8 text, and symbols (strings that repeat — names, owners, slugs, event
/// types — written once and then referred to by number).
struct BinaryWriter {
  private(set) var bytes: [UInt8] = []
  private var symbolTable: [String: Int] = [:]
  /// The symbol number of each `UserNames` number written so far (-1: not yet).
  private var userSymbols: [Int] = []

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

  /// A string that repeats: the first time `2 + 2 × length` and its bytes (the reader numbers it), after
  /// that `1 + 2 × number`; 0 stands for nil.
  mutating func optionalSymbol(_ value: String?) {
    guard let value else { return unsigned(0) }
    symbol(value)
  }

  /// Writes `value` as a symbol and returns its number.
  @discardableResult
  mutating func symbol(_ value: String) -> Int {
    if let number = symbolTable[value] {
      count(1 + 2 * number)
      return number
    }
    let number = symbolTable.count
    symbolTable[value] = number
    var text = value
    text.withUTF8 { utf8 in
      count(2 + 2 * utf8.count)
      bytes.append(contentsOf: utf8)
    }
    return number
  }

  /// A user's name (an entry's `recordedBy`) given by its `UserNames` number: a symbol, looked up by
  /// number after the first time.
  mutating func user(_ number: UInt32) {
    let index = Int(number)
    if index < userSymbols.count, userSymbols[index] >= 0 {
      count(1 + 2 * userSymbols[index])
      return
    }
    if index >= userSymbols.count {
      userSymbols.append(contentsOf: repeatElement(-1, count: index + 1 - userSymbols.count))
    }
    userSymbols[index] = symbol(UserNames.name(of: number))
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

  /// A list: its count, then each element.
  mutating func list<Element>(_ values: [Element], _ write: (inout BinaryWriter, Element) -> Void) {
    count(values.count)
    for value in values { write(&self, value) }
  }
}
