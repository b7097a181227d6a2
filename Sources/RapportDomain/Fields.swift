import RapportJournal

/// Typed reads from an event's `data`, failing with the field's name.
struct Fields {
  let data: JSONObject

  func string(_ key: String) throws(DomainError) -> String {
    guard let text = data[key]?.stringValue else { throw .missingValue(field: key) }
    return text
  }

  func optionalString(_ key: String) -> String? { data[key]?.stringValue }

  func day(_ key: String) throws(DomainError) -> Day {
    guard let day = try optionalDay(key) else { throw .missingValue(field: key) }
    return day
  }

  /// Absent and null are no day. One lookup: a replay reads every record's date through here.
  func optionalDay(_ key: String) throws(DomainError) -> Day? {
    switch data.day(forKey: key) {
    case .absent, .other(.null): return nil
    case .day(let number): return Day(number: number)
    case .other(let value):
      guard let text = value.stringValue else { throw .missingValue(field: key) }
      throw .invalidValue(field: key, value: text, expected: "YYYY-MM-DD")
    }
  }

  func int(_ key: String) throws(DomainError) -> Int {
    guard let number = data[key]?.intValue else { throw .missingValue(field: key) }
    return number
  }

  func number(_ key: String) throws(DomainError) -> Double {
    guard let number = data[key]?.numberValue else { throw .missingValue(field: key) }
    return number
  }

  /// An amount in whole currency units, bounded as `Money(parsing:)` is.
  func money(_ key: String) throws(DomainError) -> Money {
    let units = try number(key)
    guard abs(units) < Money.unitLimit else {
      throw .invalidValue(field: key, value: String(units), expected: "an amount below 10^13")
    }
    return Money(units: units)
  }

  func bool(_ key: String, default fallback: Bool) -> Bool { data[key]?.boolValue ?? fallback }

  func strings(_ key: String) -> [String] { data[key]?.arrayValue?.compactMap(\.stringValue) ?? [] }

  /// A list whose every item `read` accepts (absent: empty); `noun` says what the items should be.
  func list<Item>(_ key: String, of noun: String, _ read: (JSONValue) -> Item?) throws(DomainError) -> [Item] {
    guard let value = data[key] else { return [] }
    guard case .array(let items) = value else { throw .invalidValue(field: key, value: "\(value)", expected: "a list") }
    var result: [Item] = []
    for item in items {
      guard let read = read(item) else { throw .invalidValue(field: key, value: "\(item)", expected: noun) }
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
