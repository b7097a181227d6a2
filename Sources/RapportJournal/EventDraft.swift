/// An event about to be appended: everything but its sequence number and hash.
public struct EventDraft: Sendable, Equatable {
  public var id: String
  public var type: String
  public var account: String?
  public var data: JSONObject

  public init(id: String = EventDraft.newID(), type: String, account: String? = nil, data: JSONObject = JSONObject()) {
    self.id = id
    self.type = type
    self.account = account
    self.data = data
  }

  /// A random (version 4) UUID in lowercase.
  public static func newID() -> String {
    var (high, low) = RandomPool.sixteenBytes()
    high = high & ~(0xF0 << 8) | (0x40 << 8)  // version 4: byte 6, counted from the most significant
    low = low & ~(0xC0 << 56) | (0x80 << 56)  // variant 10 (byte 8)
    return String(unsafeUninitializedCapacity: 36) { buffer in
      let digits: StaticString = "0123456789abcdef"
      var index = 0
      func put(_ word: UInt64, from first: Int, to last: Int) {
        for byte in first..<last {
          if index == 8 || index == 13 || index == 18 || index == 23 {
            buffer[index] = UInt8(ascii: "-")
            index += 1
          }
          let value = UInt8(truncatingIfNeeded: word >> UInt64((7 - byte) * 8))
          buffer[index] = digits.utf8Start[Int(value >> 4)]
          buffer[index + 1] = digits.utf8Start[Int(value & 0x0F)]
          index += 2
        }
      }
      put(high, from: 0, to: 8)
      put(low, from: 0, to: 8)
      return 36
    }
  }
}
