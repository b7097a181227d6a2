import RapportJournal

/// One field of a change: left as it is, set to a value, or cleared.
public enum FieldChange<Value: Sendable & Equatable>: Sendable, Equatable {
  case keep
  case set(Value)
  case clear

  /// The field after the change.
  public func applied(to current: Value?) -> Value? {
    switch self {
    case .keep: current
    case .set(let value): value
    case .clear: nil
    }
  }

  /// `.set` when there is a value, else `.keep`.
  public init(_ value: Value?) { self = value.map(FieldChange.set) ?? .keep }

  func write(_ key: String, to data: inout JSONObject, _ json: (Value) -> JSONValue) {
    switch self {
    case .keep: break
    case .set(let value): data[key] = json(value)
    case .clear: data[key] = .null
    }
  }
}
