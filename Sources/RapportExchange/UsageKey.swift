/// The usage samples already seen, in the journal or on an earlier line of the file, by account, day
/// and value: an open-addressing table of 20 bytes an entry, since a file of a million samples made a
/// `Set` and a `Dictionary` of string keys take some 150 MB.
struct UsageKeys {
  /// The account's number (from 1) in the high half, the day in the low half; 0 for an empty slot.
  private var places: [UInt64]
  private var values: [UInt64]
  /// The line that holds the sample; 0 for one in the journal.
  private var lines: [UInt32]
  private var count = 0
  private var accountNumbers: [String: UInt32] = [:]

  init() {
    places = Array(repeating: 0, count: 1024)
    values = Array(repeating: 0, count: 1024)
    lines = Array(repeating: 0, count: 1024)
  }

  /// Records a sample of account `slug` on `day` of `value`, seen on `line` (0: in the journal);
  /// returns the line of the same sample seen before (0: in the journal), nil when it is new.
  mutating func insert(slug: String, day: Int, value: Double, line: Int) -> Int? {
    let account: UInt32
    if let number = accountNumbers[slug] {
      account = number
    } else {
      account = UInt32(accountNumbers.count + 1)
      accountNumbers[slug] = account
    }
    // -0 and 0 are the same sample.
    let bits = value == 0 ? 0 : value.bitPattern
    let place = UInt64(account) << 32 | UInt64(UInt32(truncatingIfNeeded: day))
    if count * 4 >= places.count * 3 { grow() }
    var slot = Self.slot(place, bits, mask: places.count - 1)
    while places[slot] != 0 {
      if places[slot] == place, values[slot] == bits { return Int(lines[slot]) }
      slot = (slot + 1) & (places.count - 1)
    }
    places[slot] = place
    values[slot] = bits
    lines[slot] = UInt32(truncatingIfNeeded: line)
    count += 1
    return nil
  }

  private static func slot(_ place: UInt64, _ bits: UInt64, mask: Int) -> Int {
    var mixed = place &* 0x9E37_79B9_7F4A_7C15 ^ bits &* 0xC2B2_AE3D_27D4_EB4F
    mixed ^= mixed >> 29
    mixed &*= 0x1656_67B1_9E37_79F9
    mixed ^= mixed >> 32
    return Int(truncatingIfNeeded: mixed) & mask
  }

  private mutating func grow() {
    let (oldPlaces, oldValues, oldLines) = (places, values, lines)
    let capacity = places.count * 2
    places = Array(repeating: 0, count: capacity)
    values = Array(repeating: 0, count: capacity)
    lines = Array(repeating: 0, count: capacity)
    for index in oldPlaces.indices where oldPlaces[index] != 0 {
      var slot = Self.slot(oldPlaces[index], oldValues[index], mask: capacity - 1)
      while places[slot] != 0 { slot = (slot + 1) & (capacity - 1) }
      places[slot] = oldPlaces[index]
      values[slot] = oldValues[index]
      lines[slot] = oldLines[index]
    }
  }
}
