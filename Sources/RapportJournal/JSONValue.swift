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

extension Optional where Wrapped == String {
  /// The string as JSON, or `null`.
  public var json: JSONValue { map { .string($0) } ?? .null }
}
