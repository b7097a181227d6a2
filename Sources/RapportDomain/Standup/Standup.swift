import RapportJournal

/// A weekly standup that was held: who ran it, for whose accounts, what was discussed and skipped, and
/// the action items (tasks) it produced. The next standup's "what changed" starts after it.
public struct Standup: Sendable, Equatable {
  public var meta: EntryMeta
  public var day: Day
  /// The owner whose accounts were reviewed; nil for the whole book.
  public var owner: String?
  public var discussed: [String]
  public var skipped: [String]
  /// Ids of the tasks added as action items.
  public var actions: [Int]

  public var seq: Int { meta.seq }
  public var ranBy: String { meta.recordedBy }

  init(meta: EntryMeta, data: JSONObject) throws(DomainError) {
    let fields = Fields(data: data)
    self.meta = meta
    day = try fields.day("date")
    owner = fields.optionalString("owner")
    discussed = try Self.strings(data["discussed"], field: "discussed")
    skipped = try Self.strings(data["skipped"], field: "skipped")
    actions = try Self.strings(data["actions"], field: "actions", numbers: true).compactMap { Int($0) }
  }

  private static func strings(_ value: JSONValue?, field: String, numbers: Bool = false) throws(DomainError)
    -> [String]
  {
    guard let value else { return [] }
    guard case .array(let items) = value else {
      throw .invalidValue(field: field, value: "\(value)", expected: "a list")
    }
    var result: [String] = []
    for item in items {
      if numbers, let number = item.intValue {
        result.append(String(number))
      } else if !numbers, let text = item.stringValue {
        result.append(text)
      } else {
        throw .invalidValue(field: field, value: "\(item)", expected: numbers ? "task numbers" : "account ids")
      }
    }
    return result
  }

  static func data(day: Day, owner: String?, discussed: [String], skipped: [String], actions: [Int]) -> JSONObject {
    var data = JSONObject([
      ("date", .string(day.description)), ("discussed", .array(discussed.map(JSONValue.string))),
      ("skipped", .array(skipped.map(JSONValue.string))), ("actions", .array(actions.map { .number(Double($0)) })),
    ])
    if let owner { data["owner"] = .string(owner) }
    return data
  }
}
