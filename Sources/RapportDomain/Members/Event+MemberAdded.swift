import RapportJournal

extension Event {
  /// A member added to the journal, or their entry replaced (role, logins, email).
  public struct MemberAdded: EventPayload {
    public static let type = EventType.memberAdded
    public var member: Member
    public var date: Day?

    public init(member: Member, date: Day?) {
      self.member = member
      self.date = date
    }

    public init(data: JSONObject) throws(DomainError) {
      let fields = Fields(data: data)
      let name = try fields.string("name")
      try Validation.user(name)
      let logins = fields.strings("logins")
      guard !logins.isEmpty else { throw .missingValue(field: "logins") }
      for login in logins { try Validation.login(login) }
      let roleName = try fields.string("role")
      guard let role = Member.Role(rawValue: roleName) else {
        throw .invalidValue(field: "role", value: roleName, expected: "admin, member or viewer")
      }
      // Optional: records written before members had an address have none.
      let email = fields.optionalString("email")
      if let email { try Validation.email(email, field: "email") }
      self.init(
        member: Member(name: name, logins: logins, role: role, email: email), date: try fields.optionalDay("date"))
    }

    public var data: JSONObject {
      var data = JSONObject([
        ("name", .string(member.name)), ("logins", .array(member.logins.map { .string($0) })),
        ("role", .string(member.role.rawValue)),
      ])
      if let email = member.email { data["email"] = .string(email) }
      data.setDay("date", date)
      return data
    }
  }
}
