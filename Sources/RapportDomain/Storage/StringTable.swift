/// A map from strings to values for the fold's hot lookups (an account by its slug, a user's number,
/// an event type), which every record makes: open addressing over a quick hash of the UTF-8 bytes.
///
/// `Dictionary<String, _>` hashes each key with SipHash, and three such lookups per record make that
/// hash a visible share of a full replay. Keys are few (thousands) and chosen by the journal's
/// writers, not an adversary who could make them collide on purpose; a collision only lengthens a probe.
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

  /// A quick hash of an ASCII key's bytes, eight at a time: a few nanoseconds for a slug. Other keys
  /// take `hashValue`, which agrees with `==` on canonically equal strings ("é" composed or not).
  static func hash(_ key: String) -> Int {
    let quick = key.utf8.withContiguousStorageIfAvailable { bytes -> Int? in
      guard QuickHash.isASCII(bytes) else { return nil }
      return Int(truncatingIfNeeded: QuickHash.hash(bytes) & 0x7FFF_FFFF_FFFF_FFFF)
    }
    return (quick ?? nil) ?? key.hashValue & Int.max
  }
}
