import RapportJournal

/// The state of the whole book of business: a deterministic fold of the journal's records.
///
/// Folding "as of" a day keeps only what had happened by that day (by the day an event happened when it
/// has one, else the day it was recorded); corrections of kept entries always apply, so a past state is
/// what we know now about that day.
public struct Book: Sendable {
  public internal(set) var accounts = AccountTable()
  public internal(set) var tasks = TaskTable()
  /// Standups held, oldest first.
  public internal(set) var standups: [Standup] = []
  /// Every configuration change, oldest first.
  public internal(set) var configChanges: [ConfigChange] = []
  public internal(set) var journalID: String?
  public internal(set) var lastSeq = 0
  /// Records the fold could not apply, with why; a sound journal written by Rapport has none.
  public internal(set) var anomalies: [Anomaly] = []
  public let cutoff: Day?

  /// What each record created, indexed by sequence number (dense, so an array).
  var entries = EntryTable()
  var previousRecord: (id: String, seq: Int)?
  /// Repeated text shared between entries (not part of the book's value).
  var textPool = TextPool()
  /// `UserNames` numbers of the users met by the fold (a cache; not part of the book's value).
  var userNumbers = StringTable<UInt32>()

  /// A record that could not be applied.
  public struct Anomaly: Sendable, Equatable, CustomStringConvertible {
    public var seq: Int
    public var message: String
    public var description: String { "record \(seq): \(message)" }
  }

  public init(asOf cutoff: Day? = nil) { self.cutoff = cutoff }

  public static func fold(_ records: some Sequence<Record>, asOf cutoff: Day? = nil) -> Book {
    var book = Book(asOf: cutoff)
    for record in records { book.apply(record) }
    return book
  }

  public func account(_ slug: String) throws(DomainError) -> Account {
    guard let account = accounts[slug] else { throw .unknownAccount(slug) }
    return account
  }

  /// The account's tasks that are neither done nor retracted, earliest due first.
  public func openTasks(of account: Account) -> [TaskItem] {
    tasks.open(among: account.taskIDs).sorted { $0.due < $1.due }
  }

  /// Accounts in creation order.
  public var allAccounts: [Account] { accounts.values }

  /// Slugs in the order the accounts were created.
  public var slugs: [String] { accounts.slugs }

  func entry(_ seq: Int) -> EntryRef? { entries[seq] }

  mutating func setEntry(_ seq: Int, _ ref: EntryRef) { entries[seq] = ref }

  /// Folds one record in. Never throws: what cannot be applied becomes an anomaly.
  public mutating func apply(_ record: Record) {
    defer {
      previousRecord = (record.id, record.seq)
      lastSeq = max(lastSeq, record.seq)
    }
    guard let type = EventType(name: record.type) else {
      anomalies.append(Anomaly(seq: record.seq, message: "unknown event type \(record.type)"))
      return
    }
    if type == .journalCreated {
      journalID = journalID ?? record.id
      return
    }
    if let cutoff, effectiveDay(of: record) > cutoff { return }
    do throws(DomainError) {
      try apply(record, as: type)
    } catch {
      // As of a past day, what an event refers to may not have happened yet (an account created
      // later, a retraction of a later entry): a cut book reports no anomalies; the full fold does.
      if cutoff != nil { return }
      anomalies.append(Anomaly(seq: record.seq, message: error.description))
    }
  }

  private func effectiveDay(of record: Record) -> Day {
    // Corrections of kept entries always apply: a past state is what we know now about that day.
    if record.type == EventType.entryAmended.rawValue || record.type == EventType.entryRetracted.rawValue {
      return Day(number: Int.min)
    }
    return Self.businessDay(of: record)
  }

  /// The day a record's event happened: the business date its data states (`date`; a scheduled QBR's
  /// `on`, since its `date` is the meeting's; a configuration change's `from`; a standup's `day`), else,
  /// for records written before every event carried one, the local day it was recorded.
  public static func businessDay(of record: Record) -> Day {
    if let text = record.data[businessDateKey(of: record.type)]?.stringValue, let day = Day(iso: text) { return day }
    return Day.local(record.recordedAt)
  }

  /// The data field that holds a record type's business date.
  public static func businessDateKey(of type: String) -> String {
    switch type {
    case EventType.qbrScheduled.rawValue: "on"
    case EventType.configSet.rawValue: "from"
    case EventType.standupHeld.rawValue: "day"
    default: "date"
    }
  }

  /// The record's `EntryMeta`, its user's number looked up through a cache of the last users seen
  /// (a journal has few; the process-wide table takes a lock).
  private mutating func entryMeta(_ record: Record) -> EntryMeta {
    let name = record.recordedBy
    if let number = userNumbers[name] {
      return EntryMeta(seq: record.seq, user: number, recordedAt: record.recordedAt)
    }
    let number = UserNames.number(of: name)
    if userNumbers.count < 1024 { userNumbers[name] = number }
    return EntryMeta(seq: record.seq, user: number, recordedAt: record.recordedAt)
  }

  private mutating func apply(_ record: Record, as type: EventType) throws(DomainError) {
    let meta = entryMeta(record)
    let data = record.data
    switch type {
    case .journalCreated: return
    case .accountCreated: try createAccount(record, meta: meta)
    case .accountUpdated:
      try modify(record.account) { account throws(DomainError) in
        try account.applyProfile(data)
        if data["value"] != nil {
          account.valueHistory.append(ValueChange(day: Self.businessDay(of: record), value: account.value))
        }
      }
    case .ownerAssigned, .handoff: try changeOwner(record, meta: meta, isHandoff: type == .handoff)
    case .stageChanged: try changeStage(record, meta: meta)
    case .contactAdded: try add(record, meta, \.contacts, EntryRef.contact)
    case .touchpointLogged:
      try add(record, meta, \.touchpoints, EntryRef.touchpoint)
      if case .touchpoint(let position, let index)? = entry(record.seq) {
        accounts.modify(at: position) { $0.touchFacts.append(TouchFacts($0.touchpoints[index])) }
      }
    case .npsRecorded: try add(record, meta, \.npsResponses, EntryRef.nps)
    case .usageRecorded: try add(record, meta, \.usage, EntryRef.usage)
    case .ticketOpened: try openTicket(record, meta: meta)
    case .ticketClosed: try closeTicket(record, meta: meta)
    case .criterionAdded: try add(record, meta, \.criteria, EntryRef.criterion)
    case .criterionMet: try meetCriterion(record, meta: meta)
    case .valueNoted: try add(record, meta, \.valueNotes, EntryRef.valueNote)
    case .qbrScheduled: try add(record, meta, \.qbrs, EntryRef.qbr)
    case .taskCreated: try createTask(record, meta: meta)
    case .taskCompleted: try completeTask(record, meta: meta)
    case .entryAmended: try amend(record)
    case .entryRetracted: try retract(record)
    case .configSet: try setConfig(record, meta: meta)
    case .standupHeld: standups.append(try Standup(meta: meta, data: data))
    }
    if entry(record.seq) == nil, type != .entryAmended, type != .entryRetracted {
      setEntry(record.seq, .fixed(type: record.type))
    }
  }

  // MARK: Accounts

  private mutating func createAccount(_ record: Record, meta: EntryMeta) throws(DomainError) {
    guard let slug = record.account else { throw .missingValue(field: "account") }
    guard accounts[slug] == nil else { throw .duplicateAccount(slug) }
    let fields = Fields(data: record.data)
    let stageText = fields.optionalString("stage") ?? Stage.onboarding.rawValue
    guard let stage = Stage(rawValue: stageText) else {
      throw .invalidValue(field: "stage", value: stageText, expected: Stage.choices)
    }
    var account = Account(
      slug: slug, name: slug, tier: 3, stage: stage, owner: fields.optionalString("owner"), created: meta,
      createdDay: Self.businessDay(of: record))
    try account.applyProfile(record.data)
    if record.data["value"] != nil {
      account.valueHistory.append(ValueChange(day: account.createdDay, value: account.value))
    }
    _ = accounts.insert(account)
  }

  /// Mutates an account in place: it is moved out of the dictionary first so that appending to its
  /// arrays does not copy them (a copy per event made replay quadratic).
  @discardableResult
  private mutating func modify(_ slug: String?, _ change: (inout Account) throws(DomainError) -> Void)
    throws(DomainError) -> Int
  {
    guard let slug else { throw .missingValue(field: "account") }
    guard let position = accounts.position(of: slug) else { throw .unknownAccount(slug) }
    try accounts.modify(at: position, change)
    return position
  }

  private mutating func changeOwner(_ record: Record, meta: EntryMeta, isHandoff: Bool) throws(DomainError) {
    let fields = Fields(data: record.data)
    try modify(record.account) { account throws(DomainError) in
      let change = OwnerChange(
        meta: meta, from: account.owner, to: fields.optionalString("owner"), isHandoff: isHandoff,
        note: fields.optionalString("note"), day: Self.businessDay(of: record))
      account.owner = change.to
      account.ownerChanges.append(change)
    }
  }

  private mutating func changeStage(_ record: Record, meta: EntryMeta) throws(DomainError) {
    let text = try Fields(data: record.data).string("stage")
    guard let stage = Stage(rawValue: text) else {
      throw .invalidValue(field: "stage", value: text, expected: Stage.choices)
    }
    try modify(record.account) { account in
      account.stageChanges.append(
        StageChange(
          meta: meta, from: account.stage, to: stage, day: Self.businessDay(of: record),
          reason: record.data["reason"]?.stringValue))
      account.stage = stage
    }
  }

  // MARK: Entries

  private mutating func add<Entry: AmendableEntry>(
    _ record: Record, _ meta: EntryMeta, _ list: WritableKeyPath<Account, [Entry]>, _ ref: (Int, Int) -> EntryRef
  ) throws(DomainError) {
    var entry = try Entry(meta: meta, data: record.data)
    entry.share(&textPool)
    var index = 0
    let position = try modify(record.account) { account in
      index = account[keyPath: list].count
      account[keyPath: list].append(entry)
    }
    setEntry(record.seq, ref(position, index))
  }

  private mutating func openTicket(_ record: Record, meta: EntryMeta) throws(DomainError) {
    let ticket = try Ticket(meta: meta, data: record.data)
    // Read through the position: `accounts[slug]` would copy the whole account (a dozen lists).
    if let slug = record.account, let position = accounts.position(of: slug),
      accounts[position: position].tickets.contains(where: {
        $0.ticket == ticket.ticket && $0.isOpen && !$0.meta.isRetracted
      })
    {
      throw .ticketAlreadyOpen(account: slug, ticket: ticket.ticket)
    }
    try add(record, meta, \.tickets, EntryRef.ticket)
  }

  private mutating func closeTicket(_ record: Record, meta: EntryMeta) throws(DomainError) {
    let fields = Fields(data: record.data)
    let id = try fields.string("ticket")
    let day = try fields.day("date")
    let slug = record.account ?? ""
    var closed = 0
    let position = try modify(record.account) { account throws(DomainError) in
      guard let index = account.tickets.lastIndex(where: { $0.ticket == id && !$0.meta.isRetracted }) else {
        throw .unknownTicket(account: slug, ticket: id)
      }
      guard account.tickets[index].isOpen else { throw .ticketAlreadyClosed(account: slug, ticket: id) }
      account.tickets[index].closing = Ticket.Closing(day: day, meta: meta)
      closed = index
    }
    setEntry(record.seq, .ticketClosing(account: position, index: closed))
  }

  private mutating func meetCriterion(_ record: Record, meta: EntryMeta) throws(DomainError) {
    let fields = Fields(data: record.data)
    let number = try fields.int("criterion")
    let day = try fields.day("date")
    let slug = record.account ?? ""
    var met = 0
    let position = try modify(record.account) { account throws(DomainError) in
      guard let index = account.criteria.firstIndex(where: { $0.number == number && !$0.meta.isRetracted }) else {
        throw .unknownCriterion(account: slug, number: number)
      }
      guard !account.criteria[index].isMet else { throw .criterionAlreadyMet(account: slug, number: number) }
      account.criteria[index].meeting = Criterion.Meeting(day: day, meta: meta)
      met = index
    }
    setEntry(record.seq, .criterionMeeting(account: position, index: met))
  }

  private mutating func createTask(_ record: Record, meta: EntryMeta) throws(DomainError) {
    var task = try TaskItem(meta: meta, data: record.data)
    guard let slug = record.account else { throw .missingValue(field: "account") }
    task.account = slug
    if let follows = record.data["follows"]?.stringValue, let previousRecord, previousRecord.id == follows {
      task.followsTouchpoint = previousRecord.seq
    }
    try modify(slug) { account in account.taskIDs.append(task.id) }
    tasks[task.id] = task
    setEntry(record.seq, .task(task.id))
  }

  private mutating func setConfig(_ record: Record, meta: EntryMeta) throws(DomainError) {
    let fields = Fields(data: record.data)
    let key = try fields.string("key")
    let value = try fields.number("value")
    var check = RulesConfig()
    try check.set(key, to: value)
    let day = Self.businessDay(of: record)
    configChanges.append(ConfigChange(meta: meta, day: day, key: key, value: value))
    configChanges.sort { ($0.day, $0.meta.seq) < ($1.day, $1.meta.seq) }
  }

  /// The configuration in force at the end of `day` (defaults, then every change recorded by then).
  public func config(asOf day: Day? = nil) -> RulesConfig {
    var config = RulesConfig()
    for change in configChanges where day.map({ change.day <= $0 }) ?? true {
      try? config.set(change.key, to: change.value)
    }
    return config
  }

  private mutating func completeTask(_ record: Record, meta: EntryMeta) throws(DomainError) {
    let fields = Fields(data: record.data)
    let id = try fields.int("task")
    guard var task = tasks[id], !task.meta.isRetracted else { throw .unknownTask(id) }
    guard !task.isDone else { throw .taskAlreadyDone(id) }
    task.completion = TaskItem.Completion(
      day: Self.businessDay(of: record), meta: meta)
    tasks[id] = task
    setEntry(record.seq, .taskCompletion(id))
  }
}
