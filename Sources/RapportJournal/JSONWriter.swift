/// Serialises `JSONValue`s to compact UTF-8 JSON, byte for byte reproducible.
public enum JSONWriter {
  public static func bytes(of value: JSONValue) -> [UInt8] {
    var out: [UInt8] = []
    out.reserveCapacity(128)
    write(value, into: &out)
    return out
  }

  public static func string(of value: JSONValue) -> String {
    String(decoding: bytes(of: value), as: UTF8.self)
  }

  public static func write(_ value: JSONValue, into out: inout [UInt8]) {
    switch value {
    case .null: out.append(contentsOf: "null".utf8)
    case .bool(let flag): out.append(contentsOf: (flag ? "true" : "false").utf8)
    case .number(let number): writeNumber(number, into: &out)
    case .string(let text): writeString(text, into: &out)
    case .array(let items):
      out.append(UInt8(ascii: "["))
      for (index, item) in items.enumerated() {
        if index > 0 { out.append(UInt8(ascii: ",")) }
        write(item, into: &out)
      }
      out.append(UInt8(ascii: "]"))
    case .object(let object):
      out.append(UInt8(ascii: "{"))
      var first = true
      for (key, item) in object.pairs {
        if !first { out.append(UInt8(ascii: ",")) }
        first = false
        writeString(key, into: &out)
        out.append(UInt8(ascii: ":"))
        write(item, into: &out)
      }
      out.append(UInt8(ascii: "}"))
    }
  }

  static func writeNumber(_ number: Double, into out: inout [UInt8]) {
    guard number.isFinite else {
      out.append(contentsOf: "null".utf8)
      return
    }
    if number.rounded() == number, abs(number) < 9e15 {
      writeInteger(Int(number), into: &out)
    } else {
      out.append(contentsOf: "\(number)".utf8)
    }
  }

  /// Digits straight into the output (no `String` per number: a board has tens of thousands).
  static func writeInteger(_ value: Int, into out: inout [UInt8]) {
    if value < 0 { out.append(UInt8(ascii: "-")) }
    var magnitude = value.magnitude
    var digits: (UInt64, UInt64, UInt64) = (0, 0, 0)
    var count = 0
    withUnsafeMutableBytes(of: &digits) { buffer in
      repeat {
        buffer[23 - count] = UInt8(ascii: "0") + UInt8(magnitude % 10)
        magnitude /= 10
        count += 1
      } while magnitude > 0
      out.append(contentsOf: buffer[(24 - count)...])
    }
  }

  /// A JSON string. Besides what JSON requires (`"`, `\\`, C0 controls), DEL, the C1 controls
  /// (U+0080–U+009F) and the bidirectional controls (U+061C, U+200E, U+200F, U+202A–U+202E,
  /// U+2066–U+2069) are written as `\uXXXX`: JSON printed on a terminal or shown by a viewer cannot be
  /// driven or visually reordered by them. The journal is written here too; its hashes cover the bytes
  /// as written, and every reader unescapes them to the same text.
  static func writeString(_ text: String, into out: inout [UInt8]) {
    out.append(UInt8(ascii: "\""))
    // Most text needs no escape: copy it whole.
    let copied: Bool? = text.utf8.withContiguousStorageIfAvailable { bytes in
      guard !needsEscape(bytes) else { return false }
      out.append(contentsOf: bytes)
      return true
    }
    if copied == true {
      out.append(UInt8(ascii: "\""))
      return
    }
    let bytes = Array(text.utf8)
    var index = 0
    while index < bytes.count {
      let byte = bytes[index]
      if byte >= 0x80 {
        let length = escapedSequenceLength(bytes, at: index)
        if length > 0 {
          appendEscape(scalar(bytes, at: index, length: length), into: &out)
        } else {
          out.append(byte)
        }
        index += max(length, 1)
        continue
      }
      switch byte {
      case UInt8(ascii: "\""): out.append(contentsOf: [0x5C, 0x22])
      case UInt8(ascii: "\\"): out.append(contentsOf: [0x5C, 0x5C])
      case 0x0A: out.append(contentsOf: [0x5C, UInt8(ascii: "n")])
      case 0x0D: out.append(contentsOf: [0x5C, UInt8(ascii: "r")])
      case 0x09: out.append(contentsOf: [0x5C, UInt8(ascii: "t")])
      case 0x00..<0x20, 0x7F: appendEscape(UInt32(byte), into: &out)
      default: out.append(byte)
      }
      index += 1
    }
    out.append(UInt8(ascii: "\""))
  }

  /// Whether any byte of `bytes` must be escaped: ASCII is checked byte by byte; a byte ≥ 0x80 only when
  /// it can start a C1 or bidirectional control (0xC2, 0xD8, 0xE2), and then the sequence is checked
  /// in full (a `£`, `©` or `’` does not leave the fast path).
  static func needsEscape(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
    for index in bytes.indices {
      let byte = bytes[index]
      if byte < 0x20 || byte == 0x22 || byte == 0x5C || byte == 0x7F { return true }
      if byte == 0xC2 || byte == 0xD8 || byte == 0xE2, escapedSequenceLength(bytes, at: index) > 0 { return true }
    }
    return false
  }

  /// The length of the UTF-8 sequence at `index` when it encodes a C1 control (C2 80–9F), U+061C
  /// (D8 9C) or a bidirectional control (E2 80 8E/8F/AA–AE, E2 81 A6–A9); 0 otherwise.
  @inline(__always)
  static func escapedSequenceLength<Bytes: RandomAccessCollection>(_ bytes: Bytes, at index: Bytes.Index) -> Int
  where Bytes.Element == UInt8, Bytes.Index == Int {
    let count = bytes.endIndex - index
    switch bytes[index] {
    case 0xC2:
      return count >= 2 && (0x80...0x9F).contains(bytes[index + 1]) ? 2 : 0
    case 0xD8:
      return count >= 2 && bytes[index + 1] == 0x9C ? 2 : 0
    case 0xE2:
      guard count >= 3 else { return 0 }
      let second = bytes[index + 1]
      let third = bytes[index + 2]
      if second == 0x80, third == 0x8E || third == 0x8F || (0xAA...0xAE).contains(third) { return 3 }
      if second == 0x81, (0xA6...0xA9).contains(third) { return 3 }
      return 0
    default: return 0
    }
  }

  /// The scalar of a 2- or 3-byte UTF-8 sequence.
  private static func scalar(_ bytes: [UInt8], at index: Int, length: Int) -> UInt32 {
    if length == 2 { return UInt32(bytes[index] & 0x1F) << 6 | UInt32(bytes[index + 1] & 0x3F) }
    return UInt32(bytes[index] & 0x0F) << 12 | UInt32(bytes[index + 1] & 0x3F) << 6 | UInt32(bytes[index + 2] & 0x3F)
  }

  /// `\u` and four lowercase hex digits.
  private static func appendEscape(_ value: UInt32, into out: inout [UInt8]) {
    let hex = Array("0123456789abcdef".utf8)
    out.append(contentsOf: [
      0x5C, UInt8(ascii: "u"), hex[Int(value >> 12 & 0xF)], hex[Int(value >> 8 & 0xF)], hex[Int(value >> 4 & 0xF)],
      hex[Int(value & 0xF)],
    ])
  }
}
