import Glibc

/// The event types by name, for the lookup every record of a replay makes: a table of 128 slots keyed
/// by the name's length, first byte and fifth byte from the end, which tell the types apart, checked
/// against the name's bytes.
///
/// `StringTable` hashed every byte of the name, and with the comparison that was 290 instructions a
/// record (7 % of the folding thread); this is about a fifth of that.
struct EventTypeNames: Sendable {
  private struct Entry: Sendable {
    var start: Int
    var length: Int
    var type: EventType
  }

  private static let slotCount = 128
  private var slots: [Entry?]
  /// Every name's bytes, one after another.
  private var bytes: [UInt8] = []

  init() {
    slots = Array(repeating: nil, count: Self.slotCount)
    for type in EventType.allCases {
      let name = Array(type.rawValue.utf8)
      var slot = name.withUnsafeBufferPointer(Self.slot)
      while slots[slot] != nil { slot = (slot + 1) & (Self.slotCount - 1) }
      slots[slot] = Entry(start: bytes.count, length: name.count, type: type)
      bytes.append(contentsOf: name)
    }
  }

  /// The type named `name`, if any.
  func type(named name: String) -> EventType? {
    var name = name
    return name.withUTF8 { wanted in
      var slot = Self.slot(wanted)
      return bytes.withUnsafeBufferPointer { known in
        while let entry = slots[slot] {
          if entry.length == wanted.count, let base = known.baseAddress, let other = wanted.baseAddress,
            memcmp(base + entry.start, other, entry.length) == 0
          {
            return entry.type
          }
          slot = (slot + 1) & (Self.slotCount - 1)
        }
        return nil
      }
    }
  }

  private static func slot(_ name: UnsafeBufferPointer<UInt8>) -> Int {
    let count = name.count
    guard count >= 5 else { return count }
    // 77: no two of today's types share a slot; a new one that does costs a probe, nothing else.
    let key = (count &* 77 &+ Int(name[0])) &* 77 &+ Int(name[count - 5])
    return key & (slotCount - 1)
  }
}
