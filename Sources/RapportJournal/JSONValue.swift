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

/// An ordered JSON object. Lookups scan linearly: records hold a handful of keys.
public struct JSONObject: Sendable, Equatable {
  public private(set) var keys: [String] = []
  public private(set) var values: [JSONValue] = []

  public init() {}

  public init(_ pairs: [(String, JSONValue)]) {
    for (key, value) in pairs { self[key] = value }
  }

  public var isEmpty: Bool { keys.isEmpty }
  public var count: Int { keys.count }

  public var pairs: Zip2Sequence<[String], [JSONValue]> { zip(keys, values) }

  public subscript(key: String) -> JSONValue? {
    get {
      guard let index = keys.firstIndex(of: key) else { return nil }
      return values[index]
    }
    set {
      if let index = keys.firstIndex(of: key) {
        if let newValue {
          values[index] = newValue
        } else {
          keys.remove(at: index)
          values.remove(at: index)
        }
      } else if let newValue {
        keys.append(key)
        values.append(newValue)
      }
    }
  }

  /// Appends without checking for an existing key; the parser uses it for speed.
  mutating func appendUnchecked(_ key: String, _ value: JSONValue) {
    keys.append(key)
    values.append(value)
  }
}
