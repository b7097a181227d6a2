/// The strings of records' envelopes that come back line after line (the writer, their login, the
/// type), kept by their bytes so that a replay makes each once and then hands out the same string.
///
/// Making a string from a line's bytes checked them as UTF-8 and built a new string each time (a heap
/// allocation for a type such as `touchpoint.logged`, freed with its record); a hit here compares the
/// bytes with the kept ones and returns the kept string. A direct-mapped table: a miss replaces the
/// slot's string, so a journal with many distinct values costs a comparison more, nothing else.
struct RepeatedStrings {
  /// Bytes of the longest string kept.
  static let maximumLength = 24

  /// A slot's string's bytes, zero-padded to `maximumLength`, and its length (0: an empty slot). Apart
  /// from the strings, so that a comparison does not copy (and retain) the slot's string.
  private struct Key: Equatable {
    var words: (UInt64, UInt64, UInt64)
    var length: Int

    static func == (lhs: Key, rhs: Key) -> Bool { lhs.length == rhs.length && lhs.words == rhs.words }
  }

  private static let slotCount = 64
  private var keys = Array(repeating: Key(words: (0, 0, 0), length: 0), count: RepeatedStrings.slotCount)
  private var strings = Array(repeating: "", count: RepeatedStrings.slotCount)

  /// The string whose UTF-8 bytes are `bytes` (valid UTF-8 is not required: the string is made as
  /// `String(decoding:as:)` makes it).
  mutating func string(_ bytes: UnsafeRawBufferPointer) -> String {
    guard bytes.count <= Self.maximumLength, bytes.count > 0 else { return String(decoding: bytes, as: UTF8.self) }
    var key = Key(words: (0, 0, 0), length: bytes.count)
    withUnsafeMutableBytes(of: &key.words) { $0.copyMemory(from: bytes) }
    let slot = Self.slot(key)
    if keys[slot] == key { return strings[slot] }
    let string = String(decoding: bytes, as: UTF8.self)
    keys[slot] = key
    strings[slot] = string
    return string
  }

  private static func slot(_ key: Key) -> Int {
    let words = key.words
    var hash = (words.0 ^ (words.1 &* 0x9E37_79B9_7F4A_7C15) ^ (words.2 &* 0xC2B2_AE3D_27D4_EB4F)) &+ UInt64(key.length)
    hash = (hash ^ (hash >> 29)) &* 0xBF58_476D_1CE4_E5B9
    return Int(truncatingIfNeeded: hash >> 58) & (slotCount - 1)
  }
}
