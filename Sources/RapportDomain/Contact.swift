import RapportJournal

/// A person at the client.
public struct Contact: Sendable, Equatable, AmendableEntry {
  public var meta: EntryMeta
  public var name: String
  public var role: String?
  public var email: String?
  public var isSponsor: Bool
  /// The day the contact was added (business date).
  public var day: Day

  static let amendableFields = ["name", "role", "email", "sponsor"]

  init(meta: EntryMeta, data: JSONObject) throws(DomainError) {
    let fields = Fields(data: data)
    self.meta = meta
    name = try fields.string("name")
    role = fields.optionalString("role")
    email = fields.optionalString("email")
    isSponsor = fields.bool("sponsor", default: false)
    day = try fields.optionalDay("date") ?? Day.local(meta.recordedAt)
  }

  var data: JSONObject {
    var data = JSONObject([("name", .string(name))])
    if let role { data["role"] = .string(role) }
    if let email { data["email"] = .string(email) }
    data["sponsor"] = .bool(isSponsor)
    data["date"] = .string(day.description)
    return data
  }
}
