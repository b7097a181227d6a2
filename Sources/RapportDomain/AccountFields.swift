import RapportJournal

/// The account details an `account.created` or `account.updated` event gives: each field absent (left
/// as it is), set, or, for the optional ones, cleared (`null` in the record).
public struct AccountFields: Sendable, Equatable {
  public var name: String?
  public var tier: Int?
  public var manager: FieldChange<String> = .keep
  public var signed: FieldChange<Day> = .keep
  public var renewal: FieldChange<Day> = .keep
  public var value: FieldChange<Money> = .keep

  public init(
    name: String? = nil, tier: Int? = nil, manager: FieldChange<String> = .keep, signed: FieldChange<Day> = .keep,
    renewal: FieldChange<Day> = .keep, value: FieldChange<Money> = .keep
  ) {
    self.name = name
    self.tier = tier
    self.manager = manager
    self.signed = signed
    self.renewal = renewal
    self.value = value
  }

  init(data: JSONObject) throws(DomainError) {
    let fields = Fields(data: data)
    if data["name"] != nil { name = try fields.string("name") }
    if data["tier"] != nil {
      let tier = try fields.int("tier")
      guard (1...3).contains(tier) else {
        throw .invalidValue(field: "tier", value: String(tier), expected: "1, 2 or 3")
      }
      self.tier = tier
    }
    manager = try Self.change(data["manager"]) { $0.stringValue }
    signed = try Self.change(data["signed"]) { _ throws(DomainError) in try fields.optionalDay("signed") }
    renewal = try Self.change(data["renewal"]) { _ throws(DomainError) in try fields.optionalDay("renewal") }
    value = try Self.change(data["value"]) { _ throws(DomainError) in try fields.money("value") }
  }

  /// Writes the fields that are set or cleared.
  func write(to data: inout JSONObject) {
    if let name { data["name"] = .string(name) }
    if let tier { data["tier"] = .number(Double(tier)) }
    manager.write("manager", to: &data) { .string($0) }
    signed.write("signed", to: &data) { .string($0.description) }
    renewal.write("renewal", to: &data) { .string($0.description) }
    value.write("value", to: &data) { .number($0.units) }
  }

  var isEmpty: Bool { self == AccountFields() }

  private static func change<Value>(_ json: JSONValue?, _ read: (JSONValue) throws(DomainError) -> Value?)
    throws(DomainError) -> FieldChange<Value>
  {
    guard let json else { return .keep }
    if json == .null { return .clear }
    return try read(json).map(FieldChange.set) ?? .clear
  }
}
