/// A chain hash as its 64 lowercase hex digits, held inline (no heap allocation per record).
public struct HashHex: Sendable, Hashable, CustomStringConvertible {
  public static func == (lhs: HashHex, rhs: HashHex) -> Bool {
    // Compared as words: SIMD mask operations are slow in unspecialised code.
    withUnsafeBytes(of: lhs) { left in
      withUnsafeBytes(of: rhs) { right in
        (0..<8).allSatisfy {
          left.load(fromByteOffset: $0 * 8, as: UInt64.self) == right.load(fromByteOffset: $0 * 8, as: UInt64.self)
        }
      }
    }
  }

  public func hash(into hasher: inout Hasher) {
    withBytes { hasher.combine(bytes: $0) }
  }

  var high: SIMD32<UInt8>
  var low: SIMD32<UInt8>

  /// The value before the first record: 64 zeros.
  public static let genesis = HashHex(
    high: SIMD32(repeating: UInt8(ascii: "0")), low: SIMD32(repeating: UInt8(ascii: "0")))

  init(high: SIMD32<UInt8>, low: SIMD32<UInt8>) {
    self.high = high
    self.low = low
  }

  /// From exactly 64 bytes; nil otherwise.
  init?(_ bytes: UnsafeRawBufferPointer) {
    guard bytes.count == 64 else { return nil }
    high = bytes.loadUnaligned(as: SIMD32<UInt8>.self)
    low = bytes.loadUnaligned(fromByteOffset: 32, as: SIMD32<UInt8>.self)
  }

  /// The hash a journal line (without its newline) states: the 64 bytes before its closing `"}`; nil
  /// when the line is too short to hold one.
  init?(statedBy line: UnsafeRawBufferPointer) {
    guard line.count >= 66 else { return nil }
    self.init(UnsafeRawBufferPointer(rebasing: line[(line.count - 66)..<(line.count - 2)]))
  }

  public init?(_ text: String) {
    var text = text
    guard let value = text.withUTF8({ HashHex(UnsafeRawBufferPointer($0)) }) else { return nil }
    self = value
  }

  /// Calls `body` with the 64 ASCII bytes.
  func withBytes<Result>(_ body: (UnsafeRawBufferPointer) throws -> Result) rethrows -> Result {
    var copy = self
    return try withUnsafeBytes(of: &copy) { try body($0) }
  }

  public var bytes: [UInt8] { withBytes { Array($0) } }

  public var description: String { withBytes { String(decoding: $0, as: UTF8.self) } }
}
