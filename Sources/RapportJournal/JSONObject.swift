/// An ordered JSON object. Lookups scan linearly: records hold a handful of keys. Members live in one
/// array (one allocation per object), or, for a record's `data` read by a replay, in a `FlatObject`
/// that keeps the bytes and decodes only what is read; any change turns it into the array first.
public struct JSONObject: Sendable, Equatable {
  private var members: [(key: String, value: JSONValue)] = []
  /// When set, the object's members (and `members` is empty).
  private var flat: FlatObject?

  public init() {}

  init(reservingCapacity capacity: Int) { members.reserveCapacity(capacity) }

  init(flat: FlatObject) { self.flat = flat }

  public init(_ pairs: [(String, JSONValue)]) {
    for (key, value) in pairs { self[key] = value }
  }

  public var isEmpty: Bool { count == 0 }
  public var count: Int { flat?.count ?? members.count }
  public var keys: [String] { pairs.map(\.key) }
  public var values: [JSONValue] { pairs.map(\.value) }
  public var pairs: [(key: String, value: JSONValue)] { flat?.pairs ?? members }

  public subscript(key: String) -> JSONValue? {
    get {
      if let flat {
        var key = key
        return key.withUTF8 { flat.value(forKey: $0) }
      }
      // Lengths first: a key of another length is told apart without a call into the string comparison.
      let length = key.utf8.count
      for member in members where member.key.utf8.count == length && member.key == key { return member.value }
      return nil
    }
    set {
      unflatten()
      if let index = members.firstIndex(where: { $0.key == key }) {
        if let newValue {
          members[index].value = newValue
        } else {
          members.remove(at: index)
        }
      } else if let newValue {
        members.append((key, newValue))
      }
    }
  }

  /// What a member holds, read as a date.
  package enum DayLookup: Equatable {
    case absent
    /// A string `YYYY-MM-DD` that is a day of the calendar: its day number.
    case day(Int)
    /// Anything else: the value, for the caller to say what is wrong with it.
    case other(JSONValue)
  }

  /// The member `key`, a literal: the fold's reads of a record's data. Its bytes are compared where
  /// the literal lies (through a `String`'s `withUTF8`, a read of a kept-flat object cost a third more).
  package subscript(field key: StaticString) -> JSONValue? {
    if let flat { return key.withUTF8Buffer { flat.value(forKey: $0) } }
    return self[key.description]
  }

  /// The strings of the member `key`, a literal, when it is a list (its other items left out); empty
  /// when it is absent or not a list. A kept-flat object's plain list is read from its bytes.
  package func strings(field key: StaticString) -> [String] {
    if let flat, let items = key.withUTF8Buffer({ flat.strings(forKey: $0) }) { return items }
    return self[field: key]?.arrayValue?.compactMap(\.stringValue) ?? []
  }

  /// The member `key` read as a `YYYY-MM-DD` date. The fold reads every record's date: an object kept
  /// flat had its dates parsed by the checking thread, so no string is made for them.
  package func day(forKey key: StaticString) -> DayLookup {
    if let flat { return key.withUTF8Buffer { flat.day(forKey: $0) } }
    return Self.day(of: self[key.description])
  }

  /// The member `key` read as a `YYYY-MM-DD` date (see the literal key's).
  package func day(forKey key: String) -> DayLookup {
    if let flat {
      var key = key
      return key.withUTF8 { flat.day(forKey: $0) }
    }
    return Self.day(of: self[key])
  }

  private static func day(of value: JSONValue?) -> DayLookup {
    guard let value else { return .absent }
    guard let text = value.stringValue, let number = CivilCalendar.parseDay(text) else { return .other(value) }
    return .day(number)
  }

  /// Appends without checking for an existing key; the parser uses it for speed.
  mutating func appendUnchecked(_ key: String, _ value: JSONValue) {
    unflatten()
    members.append((key, value))
  }

  /// Whether a key is present (used by the parser to reject duplicates).
  func contains(_ key: String) -> Bool { pairs.contains { $0.key == key } }

  /// The storage of this object's members when it is kept flat and nothing else holds it; the object
  /// is empty afterwards.
  mutating func takeFlatStorage() -> FlatObject.Storage? {
    guard let flat = self.flat.take() else { return nil }
    return (consume flat).takeStorageIfUnique()
  }

  private mutating func unflatten() {
    guard let flat else { return }
    members = flat.pairs
    self.flat = nil
  }

  public static func == (lhs: JSONObject, rhs: JSONObject) -> Bool {
    if lhs.flat == nil, rhs.flat == nil { return equal(lhs.members, rhs.members) }
    return equal(lhs.pairs, rhs.pairs)
  }

  private static func equal(_ lhs: [(key: String, value: JSONValue)], _ rhs: [(key: String, value: JSONValue)]) -> Bool
  {
    lhs.count == rhs.count && zip(lhs, rhs).allSatisfy { $0.key == $1.key && $0.value == $1.value }
  }
}
