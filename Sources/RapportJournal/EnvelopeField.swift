import Glibc

/// A field of a record's envelope, named by its key; the raw value is its bit in a set of fields seen.
/// Both readers of envelopes (`RecordDecoder`, and `EnvelopeScan` on the checking thread) know the
/// fields from here.
enum EnvelopeField: UInt16 {
  case schema = 1
  case at = 2
  case by = 4
  case id = 8
  case seq = 16
  case type = 32
  case data = 64
  case hash = 128
  case batch = 256
  case account = 512
  case login = 1024

  /// The field whose key is `key`'s bytes; nil for a key that is not an envelope field.
  init?(key: UnsafeRawBufferPointer) {
    switch key.count {
    case 1 where key[0] == UInt8(ascii: "v"): self = .schema
    case 2 where Self.equals(key, "at"): self = .at
    case 2 where Self.equals(key, "by"): self = .by
    case 2 where Self.equals(key, "id"): self = .id
    case 3 where Self.equals(key, "seq"): self = .seq
    case 4 where Self.equals(key, "type"): self = .type
    case 4 where Self.equals(key, "data"): self = .data
    case 4 where Self.equals(key, "hash"): self = .hash
    case 5 where Self.equals(key, "batch"): self = .batch
    case 5 where Self.equals(key, "login"): self = .login
    case 7 where Self.equals(key, "account"): self = .account
    default: return nil
    }
  }

  /// `value` as a batch position `[index, size]` (1 ≤ index ≤ size), or nil when it is not one.
  static func batch(_ value: JSONValue) -> (index: Int, size: Int)? {
    guard let pair = value.arrayValue, pair.count == 2, let index = pair[0].intValue, let size = pair[1].intValue,
      size >= 1, (1...size).contains(index)
    else { return nil }
    return (index, size)
  }

  private static func equals(_ bytes: UnsafeRawBufferPointer, _ text: StaticString) -> Bool {
    guard bytes.count == text.utf8CodeUnitCount, let base = bytes.baseAddress else { return false }
    return memcmp(base, text.utf8Start, bytes.count) == 0
  }
}
