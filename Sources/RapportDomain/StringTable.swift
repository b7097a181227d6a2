/// A map from strings to values for the fold's hot lookups (an account by its slug, a user's number,
/// an event type), which every record makes: open addressing over a quick hash of the UTF-8 bytes.
///
/// `Dictionary<String, _>` hashes each key with SipHash; three such lookups per record were about
/// 6 % of a full replay. Keys are few (thousands) and chosen by the journal's writers, not an
/// adversary who could make them collide on purpose; a collision only lengthens a probe.
struct StringTable<Value>: Sendable where Value: Sendable {
  private var slots: [(key: String, value: Value)?]
  private(set) var count = 0

  init(minimumCapacity: Int = 16) {
    var size = 16
    while size < minimumCapacity * 2 { size *= 2 }
    slots = Array(repeating: nil, count: size)
  }

  subscript(key: String) -> Value? {
    get {
      var index = Self.hash(key) & (slots.count - 1)
      while let slot = slots[index] {
        if slot.key == key { return slot.value }
        index = (index + 1) & (slots.count - 1)
      }
      return nil
    }
    set {
      // Only insertions and replacements: the fold never removes a key.
      guard let newValue else { return }
      var index = Self.hash(key) & (slots.count - 1)
      while let slot = slots[index] {
        if slot.key == key {
          slots[index] = (key, newValue)
          return
        }
        index = (index + 1) & (slots.count - 1)
      }
      slots[index] = (key, newValue)
      count += 1
      if count * 2 > slots.count { grow() }
    }
  }

  private mutating func grow() {
    let old = slots
    slots = Array(repeating: nil, count: old.count * 2)
    count = 0
    for case (let key, let value)? in old { self[key] = value }
  }

  /// FNV-1a over the bytes of an ASCII key, then a final mix: a few nanoseconds for a slug. Other keys
  /// take `hashValue`, which agrees with `==` on canonically equal strings ("é" composed or not).
  static func hash(_ key: String) -> Int {
    var hash: UInt64 = 0xCBF2_9CE4_8422_2325
    for byte in key.utf8 {
      if byte >= 0x80 { return key.hashValue & Int.max }
      hash = (hash ^ UInt64(byte)) &* 0x0000_0100_0000_01B3
    }
    hash ^= hash >> 32
    return Int(truncatingIfNeeded: hash & 0x7FFF_FFFF_FFFF_FFFF)
  }
}
