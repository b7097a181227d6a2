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
  public package(set) var touchpoints: BookList<Touchpoint> = []
  /// `TouchFacts` of `touchpoints`, index for index (kept in step by the fold).
  public package(set) var touchFacts: BookList<TouchFacts> = []
  public var npsResponses: BookList<NPSResponse> = []
  public var usage: BookList<UsageSample> = []
  public var tickets: BookList<Ticket> = []
  public var criteria: BookList<Criterion> = []
  public var valueNotes: BookList<ValueNote> = []
  public var qbrs: BookList<ScheduledQBR> = []
  public var ownerChanges: [OwnerChange] = []
  public var stageChanges: [StageChange] = []
  /// Renewal outcomes, in the order recorded.
  public var renewals: [RenewalOutcome] = []
  /// The annual contract value over time: one entry per change, oldest first.
  public var valueHistory: [ValueChange] = []
  /// Ids of this account's tasks in `Book.tasks`.
  public var taskIDs: [Int] = []

  package init(
    slug: String, name: String, tier: Int, stage: Stage, owner: String?, manager: String? = nil,
    signed: Day? = nil, renewal: Day? = nil, value: Money? = nil, created: EntryMeta, createdDay: Day
  ) {
    self.slug = slug
    self.name = name
    self.tier = tier
    self.stage = stage
    self.owner = owner
    self.manager = manager
    self.signed = signed
    self.renewal = renewal
    self.value = value
    self.created = created
    self.createdDay = createdDay
  }

  /// Applies the fields an account event sets or clears.
  mutating func apply(_ fields: AccountFields) {
    if let name = fields.name { self.name = name }
    if let tier = fields.tier { self.tier = tier }
    manager = fields.manager.applied(to: manager)
    signed = fields.signed.applied(to: signed)
    renewal = fields.renewal.applied(to: renewal)
    value = fields.value.applied(to: value)
  }

  /// When the relationship started: the signature date, else the day the account was created.
  public var startDay: Day { signed ?? createdDay }

  /// The contract value in force at the end of `day` (nil before any was recorded).
  public func value(asOf day: Day) -> Money? {
    valueHistory.last { $0.day <= day }?.value ?? nil
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
