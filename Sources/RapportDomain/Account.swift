import RapportJournal

/// A client, with everything folded from the journal about it.
public struct Account: Sendable, Equatable {
  public var slug: String
  public var name: String
  public var tier: Int
  public var stage: Stage
  public var owner: String?
  public var manager: String?
  public var signed: Day?
  public var renewal: Day?
  public var value: Money?
  public var created: EntryMeta
  public var createdDay: Day

  public var contacts: [Contact] = []
  public internal(set) var touchpoints: [Touchpoint] = []
  /// `TouchFacts` of `touchpoints`, index for index (kept in step by the fold).
  public internal(set) var touchFacts: [TouchFacts] = []
  public var npsResponses: [NPSResponse] = []
  public var usage: [UsageSample] = []
  public var tickets: [Ticket] = []
  public var criteria: [Criterion] = []
  public var valueNotes: [ValueNote] = []
  public var qbrs: [ScheduledQBR] = []
  public var ownerChanges: [OwnerChange] = []
  public var stageChanges: [StageChange] = []
  /// The annual contract value over time: one entry per change, oldest first.
  public var valueHistory: [ValueChange] = []
  /// Ids of this account's tasks in `Book.tasks`.
  public var taskIDs: [Int] = []

  /// The fields that `account.created` and `account.updated` carry.
  static let profileFields = ["name", "tier", "manager", "signed", "renewal", "value"]

  /// Applies profile fields present in `data` (null clears an optional one).
  mutating func applyProfile(_ data: JSONObject) throws(DomainError) {
    let fields = Fields(data: data)
    if data["name"] != nil { name = try fields.string("name") }
    if data["tier"] != nil {
      let tier = try fields.int("tier")
      guard (1...3).contains(tier) else {
        throw .invalidValue(field: "tier", value: String(tier), expected: "1, 2 or 3")
      }
      self.tier = tier
    }
    if data["manager"] != nil { manager = fields.optionalString("manager") }
    if data["signed"] != nil { signed = try fields.optionalDay("signed") }
    if data["renewal"] != nil { renewal = try fields.optionalDay("renewal") }
    if let value = data["value"] {
      if value == .null {
        self.value = nil
      } else {
        // Bounded as `Money(parsing:)` is: a larger number would trap converting to cents.
        let units = try fields.number("value")
        guard abs(units) < 1e13 else {
          throw .invalidValue(field: "value", value: String(units), expected: "an amount below 10^13")
        }
        self.value = Money(units: units)
      }
    }
  }

  /// When the relationship started: the signature date, else the day the account was created.
  public var startDay: Day { signed ?? createdDay }

  /// The contract value in force at the end of `day` (nil before any was recorded).
  public func value(asOf day: Day) -> Money? {
    valueHistory.last { $0.day <= day }?.value ?? nil
  }

  /// The day the account churned (its latest move to `churned`), if it is churned now.
  public var churnDay: Day? {
    guard stage == .churned else { return nil }
    return stageChanges.last { $0.to == .churned }?.day
  }

  /// The relationship owner at the end of `day`, by the business dates of the owner changes (the latest
  /// dated by then, record order breaking ties); before the first of them, the owner it was created with.
  public func owner(on day: Day) -> String? {
    var latest: OwnerChange?
    for change in ownerChanges where change.day <= day {
      if latest.map({ (change.day, change.meta.seq) >= ($0.day, $0.meta.seq) }) ?? true { latest = change }
    }
    if let latest { return latest.to }
    return ownerChanges.first.map(\.from) ?? owner
  }

  /// Everyone who owned the account at some time, the current owner included (nil: a time without one).
  public var owners: Set<String?> {
    var all: Set<String?> = [owner]
    for change in ownerChanges {
      all.insert(change.from)
      all.insert(change.to)
    }
    return all
  }

  /// The day of the last meaningful, not retracted touchpoint on or before `day` (any day when nil).
  public func lastMeaningfulTouchDate(onOrBefore day: Day? = nil) -> Day? {
    var latest: Day?
    for fact in touchFacts where fact.isMeaningful && !fact.isRetracted && day.map({ fact.date <= $0 }) ?? true {
      if latest.map({ fact.date > $0 }) ?? true { latest = fact.date }
    }
    return latest
  }

  /// The last meaningful, not retracted touchpoint.
  public var lastMeaningfulTouchpoint: Touchpoint? {
    var latest: Int?
    for (index, fact) in touchFacts.enumerated() where fact.isMeaningful && !fact.isRetracted {
      if latest.map({ fact.date > touchFacts[$0].date }) ?? true { latest = index }
    }
    return latest.map { touchpoints[$0] }
  }

  public var primarySponsor: Contact? { contacts.first { $0.isSponsor && !$0.meta.isRetracted } }
}
