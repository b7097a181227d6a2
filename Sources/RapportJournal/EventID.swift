/// A record's id. Rapport writes a UUID in its canonical form (lowercase, hyphenated), kept here as its
/// 16 bytes; any other text a journal holds is kept as it is.
///
/// Why not a `String`: a 36-byte string lives on the heap, and a full replay made, checked and freed
/// one for each of a million records only to read a handful of them (the journal's own, the record a
/// task follows).
public struct EventID: Sendable, Hashable, CustomStringConvertible {
  private enum Storage: Sendable, Hashable {
    case uuid(high: UInt64, low: UInt64)
    case text(String)
  }

  private let storage: Storage

  /// The id whose text is `text`.
  public init(_ text: String) {
    var text = text
    let bits = text.withUTF8 { Self.uuidBits(UnsafeRawBufferPointer($0)) }
    storage = bits.map { .uuid(high: $0.high, low: $0.low) } ?? .text(text)
  }

  init(uuidHigh high: UInt64, low: UInt64) { storage = .uuid(high: high, low: low) }

  /// The id's text, as the journal states it.
  public var description: String {
    switch storage {
    case .text(let text): return text
    case .uuid(let high, let low): return Self.text(high: high, low: low)
    }
  }

  /// The 16 bytes of `bytes` when they are a UUID in canonical form (`8-4-4-4-12` lowercase hex digits),
  /// as two big-endian halves; nil for anything else, whose text is then kept as it is.
  static func uuidBits(_ bytes: UnsafeRawBufferPointer) -> (high: UInt64, low: UInt64)? {
    guard bytes.count == 36, bytes[8] == 0x2D, bytes[13] == 0x2D, bytes[18] == 0x2D, bytes[23] == 0x2D else {
      return nil
    }
    // Eight digits at a time (read on the checking thread for every record): 0–7, 9–12 and 14–17,
    // 19–22 and 24–35.
    func word(_ offset: Int) -> UInt64 {
      UInt64(littleEndian: bytes.loadUnaligned(fromByteOffset: offset, as: UInt64.self))
    }
    func half(_ offset: Int) -> UInt64 {
      UInt64(UInt32(littleEndian: bytes.loadUnaligned(fromByteOffset: offset, as: UInt32.self)))
    }
    guard let first = hexValue(word(0)),
      let second = hexValue(half(9) | half(14) << 32),
      let third = hexValue(half(19) | half(24) << 32),
      let fourth = hexValue(word(28))
    else { return nil }
    return (first << 32 | second, third << 32 | fourth)
  }

  /// The value of eight lowercase hex digits, the first in the lowest byte of `word`; nil when a byte is
  /// not one.
  private static func hexValue(_ word: UInt64) -> UInt64? {
    guard ChainHash.isHexWord(word) else { return nil }
    // '0'–'9' are 0x30–0x39 and 'a'–'f' 0x61–0x66: the low four bits, plus 9 for a letter (bit 6).
    var value = (word & 0x0F0F_0F0F_0F0F_0F0F) &+ ((word >> 6) & 0x0101_0101_0101_0101) &* 9
    value = value.byteSwapped
    value = (value | value >> 4) & 0x00FF_00FF_00FF_00FF
    value = (value | value >> 8) & 0x0000_FFFF_0000_FFFF
    return (value | value >> 16) & 0x0000_0000_FFFF_FFFF
  }

  private static func text(high: UInt64, low: UInt64) -> String {
    String(unsafeUninitializedCapacity: 36) { buffer in
      var position = 0
      for digit in 0..<32 {
        if digit == 8 || digit == 12 || digit == 16 || digit == 20 {
          buffer[position] = UInt8(ascii: "-")
          position += 1
        }
        let half = digit < 16 ? high : low
        let shift = UInt64(60 - 4 * (digit % 16))
        buffer[position] = ChainHash.hexDigit(UInt8(truncatingIfNeeded: (half >> shift) & 0xF))
        position += 1
      }
      return position
    }
  }
}
