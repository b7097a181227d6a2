import Synchronization

/// Free text an entry keeps (a touchpoint's summary, a task's text...) in 8 bytes: a reference into
/// `TextStore`, where the bytes sit behind their length with no object around them.
///
/// A `String` of a typical summary costs about twice its text (16 bytes inline, a heap object with its
/// header, malloc's rounding); a million-event book holds hundreds of thousands of them. Equal texts
/// compare equal whichever references they hold.
public struct PackedText: Sendable, Hashable, CustomStringConvertible, BitwiseCopyable {
  /// The chunk in the high 24 bits, the offset of the length prefix in the low 40.
  package let reference: UInt64

  static let offsetBits: UInt64 = 40

  public init(_ text: String) { self = TextStore.store(text) }

  package init(chunk: Int, offset: Int) { reference = UInt64(chunk) << Self.offsetBits | UInt64(offset) }

  init(reference: UInt64) { self.reference = reference }

  var chunk: Int { Int(reference >> Self.offsetBits) }
  var offset: Int { Int(reference & (1 << Self.offsetBits - 1)) }

  public var string: String { TextStore.withBytes(of: self) { String(decoding: $0, as: UTF8.self) } }

  public var description: String { string }

  public static func == (lhs: PackedText, rhs: PackedText) -> Bool {
    lhs.reference == rhs.reference
      || TextStore.withBytes(of: lhs) { left in TextStore.withBytes(of: rhs) { TextStore.bytes(left, equal: $0) } }
  }

  public func hash(into hasher: inout Hasher) {
    TextStore.withBytes(of: self) { hasher.combine(bytes: UnsafeRawBufferPointer($0)) }
  }
}

extension PackedText {
  /// A list of names as one text — each name's UTF-8 length in decimal, a colon, then the name — so
  /// that any name, colons included, comes back as it was.
  package init(list: [String]) {
    // Written as bytes, on the stack: interpolating each name and joining the pieces, and then an
    // array of bytes, cost more than storing them (a replay packs every touchpoint's participants).
    let capacity = list.reduce(1) { $0 + $1.utf8.count + 21 }
    self = withUnsafeTemporaryAllocation(of: UInt8.self, capacity: capacity) { buffer in
      var used = 0
      for var name in list {
        used = Self.writeDecimal(name.utf8.count, into: buffer, at: used)
        buffer[used] = UInt8(ascii: ":")
        used += 1
        used = name.withUTF8 { bytes in
          guard let source = bytes.baseAddress, let target = buffer.baseAddress else { return used }
          (target + used).initialize(from: source, count: bytes.count)
          return used + bytes.count
        }
      }
      return TextStore.store(bytes: UnsafeBufferPointer(rebasing: buffer[..<used]))
    }
  }

  /// Writes `value`'s decimal digits at `index`; returns the index after them.
  private static func writeDecimal(_ value: Int, into buffer: UnsafeMutableBufferPointer<UInt8>, at index: Int) -> Int {
    var digits = 1
    var rest = value / 10
    while rest > 0 {
      digits += 1
      rest /= 10
    }
    var remaining = value
    for position in stride(from: index + digits - 1, through: index, by: -1) {
      buffer[position] = UInt8(ascii: "0") + UInt8(remaining % 10)
      remaining /= 10
    }
    return index + digits
  }

  /// The names of a text made by `init(list:)`.
  package var list: [String] {
    TextStore.withBytes(of: self) { bytes in
      var names: [String] = []
      var index = 0
      while index < bytes.count {
        var length = 0
        while index < bytes.count, bytes[index] != UInt8(ascii: ":") {
          length = length * 10 + Int(bytes[index] &- UInt8(ascii: "0"))
          index += 1
        }
        let start = index + 1
        let end = min(bytes.count, start + length)
        guard start <= end else { break }
        names.append(String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<end]), as: UTF8.self))
        index = end
      }
      return names
    }
  }
}
