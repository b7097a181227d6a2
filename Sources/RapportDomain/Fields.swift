import RapportJournal

/// Typed reads from an event's `data`, failing with the field's name. Keys are literals, read where
/// they lie (see `JSONObject[field:]`).
struct Fields {
  let data: JSONObject

  func string(_ key: StaticString) throws(DomainError) -> String {
    guard let text = data[field: key]?.stringValue else { throw .missingValue(field: key.description) }
    return text
  }

  func optionalString(_ key: StaticString) -> String? { data[field: key]?.stringValue }

  func day(_ key: StaticString) throws(DomainError) -> Day {
    guard let day = try optionalDay(key) else { throw .missingValue(field: key.description) }
    return day
  }

  /// Absent and null are no day. One lookup: a replay reads every record's date through here.
  func optionalDay(_ key: StaticString) throws(DomainError) -> Day? {
    switch data.day(forKey: key) {
    case .absent, .other(.null): return nil
    case .day(let number): return Day(number: number)
    case .other(let value):
      guard let text = value.stringValue else { throw .missingValue(field: key.description) }
      throw .invalidValue(field: key.description, value: text, expected: "YYYY-MM-DD")
    }
  }

  func int(_ key: StaticString) throws(DomainError) -> Int {
    guard let number = data[field: key]?.intValue else { throw .missingValue(field: key.description) }
    return number
  }

  func number(_ key: StaticString) throws(DomainError) -> Double {
    guard let number = data[field: key]?.numberValue else { throw .missingValue(field: key.description) }
    return number
  }

  /// An amount in whole currency units, bounded as `Money(parsing:)` is.
  func money(_ key: StaticString) throws(DomainError) -> Money {
    let units = try number(key)
    guard abs(units) < Money.unitLimit else {
      throw .invalidValue(field: key.description, value: String(units), expected: "an amount below 10^13")
    }
    return Money(units: units)
  }

  func bool(_ key: StaticString, default fallback: Bool) -> Bool { data[field: key]?.boolValue ?? fallback }

  func strings(_ key: StaticString) -> [String] { data.strings(field: key) }

  /// A list whose every item `read` accepts (absent: empty); `noun` says what the items should be.
  func list<Item>(_ key: StaticString, of noun: String, _ read: (JSONValue) -> Item?) throws(DomainError) -> [Item] {
    guard let value = data[field: key] else { return [] }
    guard case .array(let items) = value else {
      throw .invalidValue(field: key.description, value: "\(value)", expected: "a list")
    }
    var result: [Item] = []
    for item in items {
      guard let read = read(item) else { throw .invalidValue(field: key.description, value: "\(item)", expected: noun) }
      result.append(read)
    }
    return result
  }

  static func stage(_ text: String) throws(DomainError) -> Stage {
    guard let stage = Stage(rawValue: text) else {
      throw .invalidValue(field: "stage", value: text, expected: Stage.choices)
    }
    return stage
  }
}

extension JSONObject {
  /// Copies `other`'s keys over this object's, removing keys set to null.
  func merging(_ other: JSONObject) -> JSONObject {
    var merged = self
    for (key, value) in other.pairs { merged[key] = value == .null ? nil : value }
    return merged
  }
}
