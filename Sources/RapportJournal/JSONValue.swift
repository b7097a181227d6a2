/// A JSON value that keeps object keys in the order they were written, so that a record's bytes
/// (and so its checksum) are a pure function of the value.
public enum JSONValue: Sendable, Equatable {
  case null
  case bool(Bool)
  case number(Double)
  case string(String)
  case array([JSONValue])
  case object(JSONObject)

  public var stringValue: String? {
    if case .string(let text) = self { return text }
    return nil
  }

  public var numberValue: Double? {
    if case .number(let number) = self { return number }
    return nil
  }

  /// The number as an integer, when it is one exactly.
  public var intValue: Int? {
    guard case .number(let number) = self, number.rounded() == number, abs(number) < 9e15 else {
      return nil
    }
    return Int(number)
  }

  public var boolValue: Bool? {
    if case .bool(let flag) = self { return flag }
    return nil
  }

  public var arrayValue: [JSONValue]? {
    if case .array(let items) = self { return items }
    return nil
  }

  public var objectValue: JSONObject? {
    if case .object(let object) = self { return object }
    return nil
  }
}

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
      for member in members where member.key == key { return member.value }
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

extension Optional where Wrapped == String {
  /// The string as JSON, or `null`.
  public var json: JSONValue { map { .string($0) } ?? .null }
}
