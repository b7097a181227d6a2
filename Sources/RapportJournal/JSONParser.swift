/// A byte-level JSON parser for the journal's hot path: every line of a replay goes through it, and
/// Foundation's decoders, which build their own objects first, are far too slow for that.
/// It accepts exactly one value, with optional surrounding spaces, and nothing after it.
public struct JSONParser {
  public struct Failure: Error, Sendable, Equatable, CustomStringConvertible {
    /// Byte offset inside the parsed text.
    public var offset: Int
    public var reason: String
    public var description: String { "\(reason) at byte \(offset)" }
  }

  private let bytes: UnsafeRawBufferPointer
  private var index: Int
  private var depth = 0
  /// Where the strings end, in the order they come, as `skipObject(recordingStringEnds:)` found them
  /// (`unscannedStringEnd` for one to scan again); empty when nobody looked before.
  private var stringEnds = UnsafeBufferPointer<UInt32>(start: nil, count: 0)
  private var nextStringEnd = 0
  private static let maximumDepth = 64

  /// Walks the members of the top-level object in `bytes`: `member` receives each key's raw bytes and
  /// the parser positioned at the value, which it must consume (with `value()` or `rawString()`).
  static func walkObject(
    _ bytes: UnsafeRawBufferPointer, _ member: (UnsafeRawBufferPointer, inout JSONParser) throws(Failure) -> Void
  ) throws(Failure) {
    var parser = JSONParser(bytes)
    parser.skipSpaces()
    guard parser.index < bytes.count, bytes[parser.index] == UInt8(ascii: "{") else {
      throw parser.failure("not a JSON object")
    }
    try parser.walkMembers(member)
    parser.skipSpaces()
    guard parser.index == bytes.count else { throw parser.failure("unexpected text after the value") }
  }

  /// Walks the members of the object at the current position (its `{`), as `walkObject` does, and
  /// leaves the parser after its `}`.
  private mutating func walkMembers(
    _ member: (UnsafeRawBufferPointer, inout JSONParser) throws(Failure) -> Void
  ) throws(Failure) {
    index += 1
    skipSpaces()
    if index < bytes.count, bytes[index] == UInt8(ascii: "}") {
      index += 1
      return
    }
    while true {
      skipSpaces()
      let key = try rawString()
      skipSpaces()
      guard index < bytes.count, bytes[index] == UInt8(ascii: ":") else { throw failure("expected ':'") }
      index += 1
      skipSpaces()
      try member(key, &self)
      skipSpaces()
      guard index < bytes.count else { throw failure("unexpected end of text") }
      if bytes[index] == UInt8(ascii: ",") {
        index += 1
      } else if bytes[index] == UInt8(ascii: "}") {
        index += 1
        return
      } else {
        throw failure("expected ',' or '}'")
      }
    }
  }

  /// How deep an array or object inside a flat object may nest: far below `maximumDepth`, so that the
  /// record that holds it parses whole too.
  static let flatNestingLimit = 16

  /// Walks the object at the current position as a `FlatObject` keeps one, appending its members to
  /// `members` (offsets from the object's `{`), and returns its bytes' range. Returns nil, with nothing
  /// appended and the parser where it was, when the object must be parsed whole: a key that is not
  /// plain ASCII or comes twice, a string value with an escape or a control character, nesting deeper
  /// than `flatNestingLimit`, or anything the parser would refuse. A list of plain strings is checked
  /// here whole and read from its bytes later; other nested values are only stepped over here, and
  /// `FlatObject.make` parses them.
  mutating func walkFlatObject(appendingTo members: inout [FlatMember]) -> Range<Int>? {
    guard index < bytes.count, bytes[index] == UInt8(ascii: "{") else { return nil }
    let start = index
    let first = members.count
    do throws(Failure) {
      try walkMembers { key, parser throws(Failure) in
        try parser.appendFlatMember(key: key, objectStart: start, to: &members, first: first)
      }
      guard index - start <= Int(UInt32.max) else { throw failure("too long") }
      return start..<index
    } catch {
      index = start
      members.removeSubrange(first...)
      return nil
    }
  }

  private mutating func appendFlatMember(
    key: UnsafeRawBufferPointer, objectStart start: Int, to members: inout [FlatMember], first: Int
  ) throws(Failure) {
    guard let keyStart = key.baseAddress.flatMap({ keyBase in bytes.baseAddress?.distance(to: keyBase) }),
      key.count <= Int(UInt16.max), key.allSatisfy({ $0 < 0x80 }),
      !members[first...].contains(where: { other in
        Int(other.keyLength) == key.count
          && UnsafeRawBufferPointer(rebasing: bytes[(start + Int(other.keyStart))...].prefix(key.count))
            .elementsEqual(key)
      })
    else { throw failure("not flat") }
    var member = FlatMember(
      keyStart: UInt32(truncatingIfNeeded: keyStart - start), keyLength: UInt16(key.count), kind: .null,
      valueStart: 0, valueEnd: 0, number: 0)
    let valueStart = index
    guard index < bytes.count else { throw failure("unexpected end of text") }
    switch bytes[index] {
    case UInt8(ascii: "\""):
      let stop = Self.stringStop(in: bytes, from: index + 1)
      guard stop < bytes.count, bytes[stop] == UInt8(ascii: "\"") else { throw failure("not flat") }
      member.kind = .string
      member.valueStart = UInt32(truncatingIfNeeded: valueStart + 1 - start)
      member.valueEnd = UInt32(truncatingIfNeeded: stop - start)
      member.number = Self.dayNumber(in: bytes, valueStart + 1..<stop)
      index = stop + 1
    case UInt8(ascii: "["), UInt8(ascii: "{"):
      if let end = Self.plainStringListEnd(in: bytes, from: index) {
        member.kind = .strings
        index = end
      } else {
        try skipNested()
        member.kind = .nested
      }
      member.valueStart = UInt32(truncatingIfNeeded: valueStart - start)
      member.valueEnd = UInt32(truncatingIfNeeded: index - start)
    default:
      switch try parseValue() {
      case .number(let number):
        member.kind = .number
        member.number = number
      case .bool(let flag): member.kind = flag ? .true : .false
      default: member.kind = .null
      }
    }
    members.append(member)
  }

  /// The day number of the string `bytes[range]` when it is a `YYYY-MM-DD` date, else NaN: parsed here,
  /// on the checking thread, so that the fold reads a record's dates without making their strings.
  private static func dayNumber(in bytes: UnsafeRawBufferPointer, _ range: Range<Int>) -> Double {
    guard range.count == 10,
      let number = CivilCalendar.parseDay(
        bytes: UnsafeRawBufferPointer(rebasing: bytes[range]).assumingMemoryBound(to: UInt8.self))
    else { return .nan }
    return Double(number)
  }

  /// Where the array at `start` ends (past its `]`) when it holds only strings without an escape or a
  /// control character (a touchpoint's participants), else nil: such a list is read from its bytes
  /// when asked for, not parsed into values when its object is made.
  static func plainStringListEnd(in bytes: UnsafeRawBufferPointer, from start: Int) -> Int? {
    guard start < bytes.count, bytes[start] == UInt8(ascii: "[") else { return nil }
    var parser = JSONParser(bytes)
    parser.index = start + 1
    parser.skipSpaces()
    if parser.index < bytes.count, bytes[parser.index] == UInt8(ascii: "]") { return parser.index + 1 }
    while parser.index < bytes.count, bytes[parser.index] == UInt8(ascii: "\"") {
      let stop = stringStop(in: bytes, from: parser.index + 1)
      guard stop < bytes.count, bytes[stop] == UInt8(ascii: "\"") else { return nil }
      parser.index = stop + 1
      parser.skipSpaces()
      guard parser.index < bytes.count else { return nil }
      switch bytes[parser.index] {
      case UInt8(ascii: ","):
        parser.index += 1
        parser.skipSpaces()
      case UInt8(ascii: "]"): return parser.index + 1
      default: return nil
      }
    }
    return nil
  }

  /// Steps over the array or object at the current position by its brackets and strings, up to
  /// `flatNestingLimit` deep.
  private mutating func skipNested() throws(Failure) {
    var open = 0
    while index < bytes.count {
      switch bytes[index] {
      case UInt8(ascii: "\""):
        _ = try skipString()
        continue
      case UInt8(ascii: "{"), UInt8(ascii: "["):
        open += 1
        if open > Self.flatNestingLimit { throw failure("nesting too deep") }
      case UInt8(ascii: "}"), UInt8(ascii: "]"):
        open -= 1
        if open == 0 {
          index += 1
          return
        }
      default: break
      }
      index += 1
    }
    throw failure("unterminated value")
  }

  /// Parses any value at the current position.
  mutating func value() throws(Failure) -> JSONValue {
    try parseValue()
  }

  /// Parses a string value at the current position.
  mutating func string() throws(Failure) -> String {
    guard index < bytes.count, bytes[index] == UInt8(ascii: "\"") else { throw failure("expected a string") }
    return try parseString()
  }

  /// A string without escapes, as the bytes between its quotes (no copy). Strings with escapes fail.
  mutating func rawString() throws(Failure) -> UnsafeRawBufferPointer {
    guard index < bytes.count, bytes[index] == UInt8(ascii: "\"") else { throw failure("expected a string") }
    index += 1
    let start = index
    index = Self.stringStop(in: bytes, from: index)
    guard index < bytes.count else { throw failure("unterminated string") }
    guard bytes[index] == UInt8(ascii: "\"") else { throw failure("unexpected escape or control character") }
    index += 1
    return UnsafeRawBufferPointer(rebasing: bytes[start..<(index - 1)])
  }

  /// The index of the first byte from `start` on that ends a string's plain run: a quote, a backslash
  /// or a control character (`bytes.count` when there is none).
  ///
  /// Eight bytes at a time: every line's free text goes through here, on the replay's busiest thread.
  static func stringStop(in bytes: UnsafeRawBufferPointer, from start: Int) -> Int {
    var index = start
    let ones: UInt64 = 0x0101_0101_0101_0101
    let highs: UInt64 = 0x8080_8080_8080_8080
    while index + 8 <= bytes.count {
      let word = UInt64(littleEndian: bytes.loadUnaligned(fromByteOffset: index, as: UInt64.self))
      let quotes = word ^ (ones &* 0x22)
      let backslashes = word ^ (ones &* 0x5C)
      // A byte's high bit is set where it is zero (quotes, backslashes) or below 0x20 (controls); only
      // bytes after the first such byte can be flagged falsely, and the first is all that is read.
      let found =
        ((quotes &- ones) & ~quotes | (backslashes &- ones) & ~backslashes | (word &- ones &* 0x20) & ~word)
        & highs
      if found != 0 { return index + found.trailingZeroBitCount / 8 }
      index += 8
    }
    while index < bytes.count {
      let byte = bytes[index]
      if byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") || byte < 0x20 { return index }
      index += 1
    }
    return index
  }

  /// Where the string starting at `start` ends, when `stringEnds` says so.
  private mutating func knownStringEnd(after start: Int) -> Int? {
    guard nextStringEnd < stringEnds.count else { return nil }
    let end = stringEnds[nextStringEnd]
    nextStringEnd += 1
    guard end != Self.unscannedStringEnd, Int(end) >= start, Int(end) < bytes.count else { return nil }
    return Int(end)
  }

  /// Where the parser is, in bytes from the start.
  var offset: Int { index }

  /// Steps over a string at the current position, honouring escapes without checking them (whoever
  /// reads it later parses it in full); returns its bytes' range, quotes included.
  mutating func skipString() throws(Failure) -> Range<Int> {
    guard index < bytes.count, bytes[index] == UInt8(ascii: "\"") else { throw failure("expected a string") }
    let start = index
    index += 1
    while true {
      index = Self.stringStop(in: bytes, from: index)
      guard index < bytes.count else { break }
      switch bytes[index] {
      case UInt8(ascii: "\""):
        index += 1
        return start..<index
      case UInt8(ascii: "\\"): index += 2
      default: index += 1
      }
    }
    throw failure("unterminated string")
  }

  /// Steps over a string like `skipString()`; `isPlain` when it has neither an escape nor a control
  /// character, so that its bytes between the quotes are its text.
  mutating func skipStringNotingEscapes() throws(Failure) -> (range: Range<Int>, isPlain: Bool) {
    guard index < bytes.count, bytes[index] == UInt8(ascii: "\"") else { throw failure("expected a string") }
    let start = index
    let stop = Self.stringStop(in: bytes, from: index + 1)
    guard stop < bytes.count, bytes[stop] == UInt8(ascii: "\"") else { return (try skipString(), false) }
    index = stop + 1
    return (start..<index, true)
  }

  /// Marks, among string ends, a string that has an escape or a control character: its end is found
  /// again by whoever parses it.
  static let unscannedStringEnd = UInt32.max

  /// Steps over an object at the current position by its brackets and strings alone, checking nothing
  /// else (whoever reads it later parses it in full); returns its bytes' range.
  ///
  /// Appends where each string inside ends (its closing quote, from the object's first byte), so that
  /// the thread that parses the object need not look for them again: on the replay's checking thread
  /// this costs little, and on the folding thread finding them was a tenth of the work.
  mutating func skipObject(recordingStringEnds stringEnds: inout [UInt32]) throws(Failure) -> Range<Int> {
    guard index < bytes.count, bytes[index] == UInt8(ascii: "{") else { throw failure("expected an object") }
    let start = index
    var open = 0
    while index < bytes.count {
      switch bytes[index] {
      case UInt8(ascii: "\""):
        let string = try skipStringNotingEscapes()
        stringEnds.append(
          string.isPlain ? UInt32(truncatingIfNeeded: string.range.upperBound - 1 - start) : Self.unscannedStringEnd)
        continue
      case UInt8(ascii: "{"), UInt8(ascii: "["): open += 1
      case UInt8(ascii: "}"), UInt8(ascii: "]"):
        open -= 1
        if open == 0 {
          index += 1
          return start..<index
        }
      default: break
      }
      index += 1
    }
    throw failure("unterminated object")
  }

  /// The string that is exactly `bytes`, or nil when they are not one.
  static func string(exactly bytes: UnsafeRawBufferPointer) -> String? {
    var parser = JSONParser(bytes)
    guard let text = try? parser.string(), parser.index == bytes.count else { return nil }
    return text
  }

  /// The object that is exactly `bytes`, or nil when they are not one. `stringEnds`, when given, are
  /// those `skipObject(recordingStringEnds:)` found in the same bytes.
  static func object(
    exactly bytes: UnsafeRawBufferPointer, stringEnds: UnsafeBufferPointer<UInt32> = .init(start: nil, count: 0)
  ) -> JSONObject? {
    var parser = JSONParser(bytes)
    parser.stringEnds = stringEnds
    guard bytes.first == UInt8(ascii: "{"), let value = try? parser.parseValue(), parser.index == bytes.count else {
      return nil
    }
    return value.objectValue
  }

  private init(_ bytes: UnsafeRawBufferPointer) {
    self.bytes = bytes
    self.index = 0
  }

  public static func parse(_ bytes: UnsafeRawBufferPointer) throws(Failure) -> JSONValue {
    var parser = JSONParser(bytes)
    parser.skipSpaces()
    let value = try parser.parseValue()
    parser.skipSpaces()
    guard parser.index == bytes.count else { throw parser.failure("unexpected text after the value") }
    return value
  }

  public static func parse(_ bytes: [UInt8]) throws(Failure) -> JSONValue {
    let result: Result<JSONValue, Failure> = bytes.withUnsafeBytes { raw in
      do throws(Failure) { return .success(try parse(raw)) } catch { return .failure(error) }
    }
    return try result.get()
  }

  public static func parse(_ text: String) throws(Failure) -> JSONValue {
    try parse(Array(text.utf8))
  }

  private func failure(_ reason: String) -> Failure { Failure(offset: index, reason: reason) }

  private mutating func skipSpaces() {
    while index < bytes.count {
      switch bytes[index] {
      case 0x20, 0x09, 0x0A, 0x0D: index += 1
      default: return
      }
    }
  }

  private mutating func parseValue() throws(Failure) -> JSONValue {
    guard index < bytes.count else { throw failure("unexpected end of text") }
    switch bytes[index] {
    case UInt8(ascii: "{"): return .object(try parseObject())
    case UInt8(ascii: "["): return .array(try parseArray())
    case UInt8(ascii: "\""): return .string(try parseString())
    case UInt8(ascii: "t"):
      try expectWord("true")
      return .bool(true)
    case UInt8(ascii: "f"):
      try expectWord("false")
      return .bool(false)
    case UInt8(ascii: "n"):
      try expectWord("null")
      return .null
    case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return .number(try parseNumber())
    default: throw failure("unexpected character")
    }
  }

  private mutating func expectWord(_ word: StaticString) throws(Failure) {
    let count = word.utf8CodeUnitCount
    guard index + count <= bytes.count else { throw failure("unexpected end of text") }
    let start = word.utf8Start
    for offset in 0..<count where bytes[index + offset] != start[offset] {
      throw failure("invalid literal")
    }
    index += count
  }

  private mutating func enter() throws(Failure) {
    depth += 1
    if depth > Self.maximumDepth { throw failure("nesting too deep") }
  }

  private mutating func parseObject() throws(Failure) -> JSONObject {
    try enter()
    defer { depth -= 1 }
    index += 1
    var object = JSONObject(reservingCapacity: 10)
    skipSpaces()
    if index < bytes.count, bytes[index] == UInt8(ascii: "}") {
      index += 1
      return object
    }
    while true {
      skipSpaces()
      guard index < bytes.count, bytes[index] == UInt8(ascii: "\"") else { throw failure("expected a key") }
      let key = try parseString()
      skipSpaces()
      guard index < bytes.count, bytes[index] == UInt8(ascii: ":") else { throw failure("expected ':'") }
      index += 1
      skipSpaces()
      let value = try parseValue()
      if object.contains(key) { throw failure("duplicate key \"\(key)\"") }
      object.appendUnchecked(key, value)
      skipSpaces()
      guard index < bytes.count else { throw failure("unexpected end of text") }
      if bytes[index] == UInt8(ascii: ",") {
        index += 1
      } else if bytes[index] == UInt8(ascii: "}") {
        index += 1
        return object
      } else {
        throw failure("expected ',' or '}'")
      }
    }
  }

  private mutating func parseArray() throws(Failure) -> [JSONValue] {
    try enter()
    defer { depth -= 1 }
    index += 1
    var items: [JSONValue] = []
    skipSpaces()
    if index < bytes.count, bytes[index] == UInt8(ascii: "]") {
      index += 1
      return items
    }
    while true {
      skipSpaces()
      items.append(try parseValue())
      skipSpaces()
      guard index < bytes.count else { throw failure("unexpected end of text") }
      if bytes[index] == UInt8(ascii: ",") {
        index += 1
      } else if bytes[index] == UInt8(ascii: "]") {
        index += 1
        return items
      } else {
        throw failure("expected ',' or ']'")
      }
    }
  }

  private mutating func parseString() throws(Failure) -> String {
    index += 1
    let start = index
    // Fast path: no escapes.
    index = knownStringEnd(after: start) ?? Self.stringStop(in: bytes, from: index)
    if index < bytes.count {
      let byte = bytes[index]
      if byte == UInt8(ascii: "\"") {
        let text = String(decoding: UnsafeRawBufferPointer(rebasing: bytes[start..<index]), as: UTF8.self)
        index += 1
        return text
      }
      if byte < 0x20 { throw failure("control character in string") }
    }
    var scalars: [UInt8] = Array(UnsafeRawBufferPointer(rebasing: bytes[start..<index]))
    while index < bytes.count {
      let byte = bytes[index]
      switch byte {
      case UInt8(ascii: "\""):
        index += 1
        return String(decoding: scalars, as: UTF8.self)
      case UInt8(ascii: "\\"):
        index += 1
        guard index < bytes.count else { throw failure("unexpected end of text") }
        let escape = bytes[index]
        index += 1
        switch escape {
        case UInt8(ascii: "\""): scalars.append(0x22)
        case UInt8(ascii: "\\"): scalars.append(0x5C)
        case UInt8(ascii: "/"): scalars.append(0x2F)
        case UInt8(ascii: "b"): scalars.append(0x08)
        case UInt8(ascii: "f"): scalars.append(0x0C)
        case UInt8(ascii: "n"): scalars.append(0x0A)
        case UInt8(ascii: "r"): scalars.append(0x0D)
        case UInt8(ascii: "t"): scalars.append(0x09)
        case UInt8(ascii: "u"): try appendUnicodeEscape(into: &scalars)
        default: throw failure("invalid escape")
        }
      default:
        if byte < 0x20 { throw failure("control character in string") }
        scalars.append(byte)
        index += 1
      }
    }
    throw failure("unterminated string")
  }

  private mutating func readHex4() throws(Failure) -> UInt32 {
    guard index + 4 <= bytes.count else { throw failure("short \\u escape") }
    var value: UInt32 = 0
    for _ in 0..<4 {
      let byte = bytes[index]
      let digit: UInt32
      switch byte {
      case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = UInt32(byte - 0x30)
      case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = UInt32(byte - 0x61 + 10)
      case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = UInt32(byte - 0x41 + 10)
      default: throw failure("invalid \\u escape")
      }
      value = value << 4 | digit
      index += 1
    }
    return value
  }

  private mutating func appendUnicodeEscape(into out: inout [UInt8]) throws(Failure) {
    var code = try readHex4()
    if (0xD800..<0xDC00).contains(code) {
      guard index + 6 <= bytes.count, bytes[index] == UInt8(ascii: "\\"), bytes[index + 1] == UInt8(ascii: "u")
      else { throw failure("lone surrogate") }
      index += 2
      let low = try readHex4()
      guard (0xDC00..<0xE000).contains(low) else { throw failure("lone surrogate") }
      code = 0x10000 + ((code - 0xD800) << 10) + (low - 0xDC00)
    } else if (0xDC00..<0xE000).contains(code) {
      throw failure("lone surrogate")
    }
    guard let scalar = Unicode.Scalar(code) else { throw failure("invalid code point") }
    out.append(contentsOf: Array(String(Character(scalar)).utf8))
  }

  private static let powersOfTen: [Double] = (0...15).map { exponent in
    (0..<exponent).reduce(1.0) { power, _ in power * 10 }
  }

  private mutating func parseNumber() throws(Failure) -> Double {
    let start = index
    var negative = false
    if bytes[index] == UInt8(ascii: "-") {
      negative = true
      index += 1
    }
    var integer: Int64 = 0
    var digits = 0
    while index < bytes.count, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(bytes[index]) {
      if digits < 18 { integer = integer * 10 + Int64(bytes[index] - 0x30) }
      digits += 1
      index += 1
    }
    guard digits > 0 else { throw failure("invalid number") }
    if digits > 1, bytes[start + (negative ? 1 : 0)] == UInt8(ascii: "0") { throw failure("leading zero") }
    let isPlainInteger =
      index >= bytes.count
      || !(bytes[index] == UInt8(ascii: ".") || bytes[index] == UInt8(ascii: "e") || bytes[index] == UInt8(ascii: "E"))
    if isPlainInteger, digits <= 15 {
      return Double(negative ? -integer : integer)
    }
    var fractionDigits = 0
    if index < bytes.count, bytes[index] == UInt8(ascii: ".") {
      index += 1
      let fractionStart = index
      while index < bytes.count, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(bytes[index]) {
        if digits + fractionDigits < 18 { integer = integer * 10 + Int64(bytes[index] - 0x30) }
        fractionDigits += 1
        index += 1
      }
      guard index > fractionStart else { throw failure("invalid number") }
    }
    let hasExponent = index < bytes.count && (bytes[index] == UInt8(ascii: "e") || bytes[index] == UInt8(ascii: "E"))
    if !hasExponent, digits + fractionDigits <= 15 {
      // Both the digits (below 2^53) and the power of ten (at most 10^15) are exact doubles, so the one
      // correctly rounded division gives what strtod gives, without making a string for it.
      let magnitude = Double(integer) / Self.powersOfTen[fractionDigits]
      return negative ? -magnitude : magnitude
    }
    if index < bytes.count, bytes[index] == UInt8(ascii: "e") || bytes[index] == UInt8(ascii: "E") {
      index += 1
      if index < bytes.count, bytes[index] == UInt8(ascii: "+") || bytes[index] == UInt8(ascii: "-") { index += 1 }
      let exponentStart = index
      while index < bytes.count, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(bytes[index]) { index += 1 }
      guard index > exponentStart else { throw failure("invalid number") }
    }
    let text = String(decoding: UnsafeRawBufferPointer(rebasing: bytes[start..<index]), as: UTF8.self)
    guard let number = Double(text), number.isFinite else { throw failure("number out of range") }
    return number
  }
}
