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
    guard bytes.count == 36 else { return nil }
    var halves: (UInt64, UInt64) = (0, 0)
    var digits = 0
    for index in 0..<36 {
      let byte = bytes[index]
      if index == 8 || index == 13 || index == 18 || index == 23 {
        guard byte == UInt8(ascii: "-") else { return nil }
        continue
      }
      let nibble: UInt8
      switch byte {
      case UInt8(ascii: "0")...UInt8(ascii: "9"): nibble = byte &- UInt8(ascii: "0")
      case UInt8(ascii: "a")...UInt8(ascii: "f"): nibble = byte &- UInt8(ascii: "a") &+ 10
      default: return nil
      }
      if digits < 16 {
        halves.0 = halves.0 << 4 | UInt64(nibble)
      } else {
        halves.1 = halves.1 << 4 | UInt64(nibble)
      }
      digits += 1
    }
    return (halves.0, halves.1)
  }

  private static func text(high: UInt64, low: UInt64) -> String {
    String(unsafeUninitializedCapacity: 36) { buffer in
      let hex = Array("0123456789abcdef".utf8)
      var position = 0
      for digit in 0..<32 {
        if digit == 8 || digit == 12 || digit == 16 || digit == 20 {
          buffer[position] = UInt8(ascii: "-")
          position += 1
        }
        let half = digit < 16 ? high : low
        let shift = UInt64(60 - 4 * (digit % 16))
        buffer[position] = hex[Int(truncatingIfNeeded: (half >> shift) & 0xF)]
        position += 1
      }
      return position
    }
  }
}
