import RapportJournal

extension Event {
  /// An account created by mistake, taken out of every list and metric; its id is free again (a later
  /// `account.created` with it starts a new account). The voided account's history stays in the journal
  /// and in its timeline.
  public struct AccountVoided: EventPayload {
    public static let type = EventType.accountVoided
    /// Why it was voided ("created by mistake", "undone").
    public var reason: String
    public var date: Day?

    public init(reason: String, date: Day?) {
      self.reason = reason
      self.date = date
    }

    public init(data: JSONObject) throws(DomainError) {
      let fields = Fields(data: data)
      self.init(reason: try fields.string("reason"), date: try fields.optionalDay("date"))
    }

    public var data: JSONObject {
      var data = JSONObject([("reason", .string(reason))])
      data.setDay("date", date)
      return data
    }
  }
}
