/// One member of a JSON object as the replay's checking thread finds it (`JSONParser.walkFlatObject`):
/// where its key and value sit in the object's bytes, and the value when it is a number. Plain values
/// only, so that it crosses from one thread to the other without a heap object.
struct FlatMember {
  enum Kind: UInt8 {
    /// A string without escapes or control characters: its text is its bytes between the quotes.
    case string
    case number
    case `true`
    case `false`
    case null
    /// An array of strings without escapes or control characters: its items are the bytes between
    /// each pair of quotes (none of them holds one).
    case strings
    /// Any other array or an object, parsed whole when the object is made.
    case nested
  }

  /// The key's bytes (between its quotes, ASCII, no escapes), from the object's first byte.
  var keyStart: UInt32
  var keyLength: UInt16
  var kind: Kind
  /// The value's bytes: a string's between its quotes, a nested value's whole.
  var valueStart: UInt32
  var valueEnd: UInt32
  /// A number's value; a string's day number when it is a `YYYY-MM-DD` date, else NaN.
  var number: Double
}

/// A JSON object kept as its bytes and the table of its members, read where it lies: what a replay
/// makes of each record's `data`. The fold reads a few members of it once, so building a key string and
/// a value for every member (and an array to hold them) cost more than the reads; here a read compares
/// the key's bytes and makes only the value asked for. One allocation holds the bytes and the table.
///
/// Never changed while shared, so it crosses threads as it is (a `ManagedBuffer` cannot say so): its
/// storage is filled again only once nothing else holds it (`takeStorageIfUnique`).
struct FlatObject: @unchecked Sendable {
  final class Storage: ManagedBuffer<Header, UInt64> {}

  private var storage: Storage

  struct Header {
    var byteCount: Int
    var memberCount: Int
    /// The nested values (arrays, objects), parsed when the object was made, in member order.
    var nested: [JSONValue]
    /// How many words the storage was made for.
    var wordCapacity: Int
  }

  /// The object whose bytes are `bytes` and whose members `members` lists (as the checking thread
  /// found them in the same bytes); nil when a nested value does not parse. Made in `spare` when it
  /// is large enough (`spare` is emptied either way).
  static func make(
    _ bytes: UnsafeRawBufferPointer, members: UnsafeBufferPointer<FlatMember>, reusing spare: inout Storage?
  ) -> FlatObject? {
    var nested: [JSONValue] = []
    for member in members where member.kind == .nested {
      let span = UnsafeRawBufferPointer(rebasing: bytes[Int(member.valueStart)..<Int(member.valueEnd)])
      guard let value = try? JSONParser.parse(span) else { return nil }
      nested.append(value)
    }
    let byteWords = (bytes.count + 7) / 8
    let memberWords = members.count * MemoryLayout<FlatMember>.stride / 8
    var header = Header(
      byteCount: bytes.count, memberCount: members.count, nested: nested, wordCapacity: byteWords + memberWords)
    let storage: Storage
    if let reused = spare.take(), reused.header.wordCapacity >= header.wordCapacity {
      header.wordCapacity = reused.header.wordCapacity  // what it was made for, not what this object needs
      reused.header = header
      storage = reused
    } else {
      storage = unsafeDowncast(Storage.create(minimumCapacity: header.wordCapacity) { _ in header }, to: Storage.self)
    }
    storage.withUnsafeMutablePointerToElements { words in
      let raw = UnsafeMutableRawPointer(words)
      if let base = bytes.baseAddress { raw.copyMemory(from: base, byteCount: bytes.count) }
      if let first = members.baseAddress {
        (raw + byteWords * 8).bindMemory(to: FlatMember.self, capacity: members.count)
          .initialize(from: first, count: members.count)
      }
    }
    return FlatObject(storage: storage)
  }

  private init(storage: Storage) { self.storage = storage }

  /// This object's storage when nothing else holds it (to be filled again by `make`), else nil.
  consuming func takeStorageIfUnique() -> Storage? {
    isKnownUniquelyReferenced(&storage) ? storage : nil
  }

  var count: Int { storage.withUnsafeMutablePointerToHeader { $0.pointee.memberCount } }

  /// The value of the member whose key is the bytes `key`, or nil. `JSONObject`'s lookup finds a key
  /// of the same length that equals `key` as strings compare; for the ASCII keys kept here that is the
  /// same (a string that is not ASCII but equals an ASCII one, as U+212A KELVIN SIGN equals "K", is
  /// longer than it).
  func value(forKey key: UnsafeBufferPointer<UInt8>) -> JSONValue? {
    withTable { bytes, members in index(ofKey: key, bytes, members).map { value(of: $0, bytes, members) } }
  }

  /// What the member whose key is the bytes `key` holds as a `YYYY-MM-DD` date (see `JSONObject.day`).
  func day(forKey key: UnsafeBufferPointer<UInt8>) -> JSONObject.DayLookup {
    withTable { bytes, members in
      guard let found = index(ofKey: key, bytes, members) else { return .absent }
      let member = members[found]
      guard member.kind == .string, !member.number.isNaN else { return .other(value(of: found, bytes, members)) }
      return .day(Int(member.number))
    }
  }

  /// The strings of the member whose key is the bytes `key`, when it is a list the checking thread
  /// found plain (`FlatMember.Kind.strings`); nil otherwise.
  func strings(forKey key: UnsafeBufferPointer<UInt8>) -> [String]? {
    withTable { bytes, members in
      guard let found = index(ofKey: key, bytes, members), members[found].kind == .strings else { return nil }
      return Self.items(ofList: members[found], in: bytes)
    }
  }

  private func index(
    ofKey wanted: UnsafeBufferPointer<UInt8>, _ bytes: UnsafeRawBufferPointer,
    _ members: UnsafeBufferPointer<FlatMember>
  ) -> Int? {
    members.firstIndex { member in
      Int(member.keyLength) == wanted.count && Self.bytes(bytes, at: Int(member.keyStart), equal: wanted)
    }
  }

  private static func bytes(_ bytes: UnsafeRawBufferPointer, at start: Int, equal wanted: UnsafeBufferPointer<UInt8>)
    -> Bool
  {
    // Byte by byte: keys are a few bytes long, shorter than a call to `memcmp` takes.
    for offset in 0..<wanted.count where bytes[start + offset] != wanted[offset] { return false }
    return true
  }

  /// The items of a plain list of strings: no item holds a quote, so each pair of quotes encloses one.
  private static func items(ofList member: FlatMember, in bytes: UnsafeRawBufferPointer) -> [String] {
    let quote = UInt8(ascii: "\"")
    let end = Int(member.valueEnd)
    var items: [String] = []
    var index = Int(member.valueStart)
    while let open = bytes[index..<end].firstIndex(of: quote), let close = bytes[(open + 1)..<end].firstIndex(of: quote)
    {
      items.append(String(decoding: UnsafeRawBufferPointer(rebasing: bytes[(open + 1)..<close]), as: UTF8.self))
      index = close + 1
    }
    return items
  }

  /// Every member, in order.
  var pairs: [(key: String, value: JSONValue)] {
    withTable { bytes, members in members.indices.map { (key(of: $0, bytes, members), value(of: $0, bytes, members)) } }
  }

  private func withTable<Result>(
    _ body: (UnsafeRawBufferPointer, UnsafeBufferPointer<FlatMember>) -> Result
  ) -> Result {
    // Through the pointers: `storage.header` is a class's property, whose every read the runtime
    // checked for exclusive access (a tenth of a lookup's time); the header is never changed once made.
    storage.withUnsafeMutablePointers { header, words in
      let byteCount = header.pointee.byteCount
      let memberCount = header.pointee.memberCount
      let raw = UnsafeRawPointer(words)
      let table = (raw + (byteCount + 7) / 8 * 8).assumingMemoryBound(to: FlatMember.self)
      return body(
        UnsafeRawBufferPointer(start: raw, count: byteCount), UnsafeBufferPointer(start: table, count: memberCount))
    }
  }

  private func key(of index: Int, _ bytes: UnsafeRawBufferPointer, _ members: UnsafeBufferPointer<FlatMember>)
    -> String
  {
    let member = members[index]
    let start = Int(member.keyStart)
    return String(
      decoding: UnsafeRawBufferPointer(rebasing: bytes[start..<(start + Int(member.keyLength))]), as: UTF8.self)
  }

  private func value(of index: Int, _ bytes: UnsafeRawBufferPointer, _ members: UnsafeBufferPointer<FlatMember>)
    -> JSONValue
  {
    let member = members[index]
    switch member.kind {
    case .string:
      return .string(
        String(
          decoding: UnsafeRawBufferPointer(rebasing: bytes[Int(member.valueStart)..<Int(member.valueEnd)]),
          as: UTF8.self))
    case .strings: return .array(Self.items(ofList: member, in: bytes).map(JSONValue.string))
    case .number: return .number(member.number)
    case .true: return .bool(true)
    case .false: return .bool(false)
    case .null: return .null
    case .nested:
      let position = members[..<index].lazy.filter { $0.kind == .nested }.count
      return storage.withUnsafeMutablePointerToHeader { $0.pointee.nested[position] }
    }
  }
}
