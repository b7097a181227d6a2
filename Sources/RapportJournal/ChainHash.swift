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

  public static func isHex(_ bytes: UnsafeRawBufferPointer) -> Bool {
    bytes.count == 64 && bytes.allSatisfy { (0x30...0x39).contains($0) || (0x61...0x66).contains($0) }
  }
}
