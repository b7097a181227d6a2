import Crypto

/// The SHA-256 chain that makes the journal tamper-evident: each record's hash covers the previous
/// record's hash and every byte of the record before its own `hash` field.
public enum ChainHash {
  /// The previous-hash of the first record.
  public static let genesis: [UInt8] = Array(repeating: UInt8(ascii: "0"), count: 64)

  /// Lowercase hex of SHA-256(previous ‖ body).
  static func hash(previous: HashHex, body: UnsafeRawBufferPointer) -> HashHex {
    var hasher = SHA256()
    previous.withBytes { hasher.update(bufferPointer: $0) }
    hasher.update(bufferPointer: body)
    let digest = hasher.finalize()
    var result = HashHex.genesis
    withUnsafeMutableBytes(of: &result) { hex in
      digest.withUnsafeBytes { raw in
        for (index, byte) in raw.enumerated() {
          hex[index * 2] = hexDigit(byte >> 4)
          hex[index * 2 + 1] = hexDigit(byte & 0x0F)
        }
      }
    }
    return result
  }

  @inline(__always)
  static func hexDigit(_ nibble: UInt8) -> UInt8 { nibble < 10 ? nibble &+ 0x30 : nibble &+ 0x57 }

  /// Lowercase hex of SHA-256(previous ‖ body), as 64 ASCII bytes.
  public static func hash(previous: [UInt8], body: UnsafeRawBufferPointer) -> [UInt8] {
    var hasher = SHA256()
    previous.withUnsafeBytes { hasher.update(bufferPointer: $0) }
    hasher.update(bufferPointer: body)
    let digest = hasher.finalize()
    var hex = [UInt8](repeating: 0, count: 64)
    let alphabet: [UInt8] = Array("0123456789abcdef".utf8)
    var index = 0
    digest.withUnsafeBytes { raw in
      for byte in raw {
        hex[index] = alphabet[Int(byte >> 4)]
        hex[index + 1] = alphabet[Int(byte & 0x0F)]
        index += 2
      }
    }
    return hex
  }

  /// Whether `bytes` are 64 lowercase hex digits.
  ///
  /// Eight bytes at a time: the replay's checking thread tests every line's stated hash, and byte by
  /// byte the test cost a third as much as the SHA-256 itself.
  public static func isHex(_ bytes: UnsafeRawBufferPointer) -> Bool {
    guard bytes.count == 64 else { return false }
    for offset in stride(from: 0, to: 64, by: 8)
    where !isHexWord(bytes.loadUnaligned(fromByteOffset: offset, as: UInt64.self)) {
      return false
    }
    return true
  }

  /// Whether each of the eight bytes of `word` is a lowercase hex digit.
  static func isHexWord(_ word: UInt64) -> Bool {
    let ones: UInt64 = 0x0101_0101_0101_0101
    let highs = ones &* 0x80
    guard word & highs == 0 else { return false }
    // For a byte below 0x80, adding 0x80 - n sets its high bit exactly when it is at least n, and
    // carries into no other byte.
    func atLeast(_ n: UInt64) -> UInt64 { word &+ ones &* (0x80 - n) }
    let digits = atLeast(0x30) & ~atLeast(0x3A)
    let letters = atLeast(0x61) & ~atLeast(0x67)
    return (digits | letters) & highs == highs
  }
}
