import RapportJournal

extension Event {
  /// A renewal's outcome: the result, the date it answers, the next renewal date and the value.
  public struct RenewalRecorded: EventPayload {
    public static let type = EventType.renewalRecorded
    public var result: RenewalOutcome.Result
    public var date: Day
    public var renewal: Day?
    public var nextRenewal: Day?
    public var value: Money?
    public var termMonths: Int?
    public var reason: String?

    public init(
      result: RenewalOutcome.Result, date: Day, renewal: Day?, nextRenewal: Day?, value: Money?, termMonths: Int?,
      reason: String?
    ) {
      self.result = result
      self.date = date
      self.renewal = renewal
      self.nextRenewal = nextRenewal
      self.value = value
      self.termMonths = termMonths
      self.reason = reason
    }

    public init(data: JSONObject) throws(DomainError) {
      let fields = Fields(data: data)
      let text = try fields.string("outcome")
      guard let result = RenewalOutcome.Result(rawValue: text) else {
        throw .invalidValue(field: "outcome", value: text, expected: RenewalOutcome.Result.choices)
      }
      var value: Money?
      if data["value"] != nil {
        let amount = try fields.money("value")
        guard amount.cents >= 0 else {
          throw .invalidValue(field: "value", value: String(amount.units), expected: "an amount below 10^13")
        }
        value = amount
      }
      self.init(
        result: result, date: try fields.day("date"), renewal: try fields.optionalDay("renewal"),
        nextRenewal: try fields.optionalDay("next_renewal"), value: value,
        termMonths: data["term_months"]?.intValue, reason: fields.optionalString("reason"))
    }

    public var data: JSONObject {
      var data = JSONObject([("outcome", .string(result.rawValue)), ("date", .string(date.description))])
      data.setDay("renewal", renewal)
      data.setDay("next_renewal", nextRenewal)
      if let value { data["value"] = .number(value.units) }
      if let termMonths { data["term_months"] = .number(Double(termMonths)) }
      if let reason { data["reason"] = .string(reason) }
      return data
    }
  }
}
