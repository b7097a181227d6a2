/// An ordered JSON object. Lookups scan linearly: records hold a handful of keys. Members live in one
/// array (one allocation per object on the replay path).
public struct JSONObject: Sendable, Equatable {
  private var members: [(key: String, value: JSONValue)] = []

  public init() {}

  init(reservingCapacity capacity: Int) { members.reserveCapacity(capacity) }

  public init(_ pairs: [(String, JSONValue)]) {
    for (key, value) in pairs { self[key] = value }
  }

  public var isEmpty: Bool { members.isEmpty }
  public var count: Int { members.count }
  public var keys: [String] { members.map(\.key) }
  public var values: [JSONValue] { members.map(\.value) }
  public var pairs: [(key: String, value: JSONValue)] { members }

  public subscript(key: String) -> JSONValue? {
    get {
      // Lengths first: a key of another length is told apart without a call into the string comparison.
      let length = key.utf8.count
      for member in members where member.key.utf8.count == length && member.key == key { return member.value }
      return nil
    }
    set {
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

  /// Appends without checking for an existing key; the parser uses it for speed.
  mutating func appendUnchecked(_ key: String, _ value: JSONValue) { members.append((key, value)) }

  /// Whether a key is present (used by the parser to reject duplicates).
  func contains(_ key: String) -> Bool { members.contains { $0.key == key } }

  public static func == (lhs: JSONObject, rhs: JSONObject) -> Bool {
    lhs.members.count == rhs.members.count
      && zip(lhs.members, rhs.members).allSatisfy { $0.key == $1.key && $0.value == $1.value }
  }
}
