import RapportJournal

/// The state of the whole book of business: a deterministic fold of the journal's records.
///
/// Folding "as of" a day keeps only what had happened by that day (by the day an event happened when it
/// has one, else the day it was recorded); corrections of kept entries always apply, so a past state is
/// what we know now about that day.
public struct Book: Sendable {
  public package(set) var accounts = AccountTable()
  public package(set) var tasks = TaskTable()
  /// Records of types this version does not know (from a newer one), kept and shown as such.
  public package(set) var unknownEvents: [UnknownEvent] = []
  /// Standups held, oldest first.
  public package(set) var standups: [Standup] = []
  /// Standups started and not yet held, oldest first (at most one per owner, and one for the whole book).
  public package(set) var openStandups: [OpenStandup] = []
  /// Every configuration change, oldest first.
  public package(set) var configChanges: [ConfigChange] = []
  /// Account ids the journal holds records for, though no readable record created them (a damaged
  /// `account.created`): never given to a new account, so no impostor takes over their history.
  public package(set) var reservedSlugs: Set<String> = []
  /// Accounts voided (created by mistake), oldest first: out of every list, kept for their timeline.
  public package(set) var voids: [AccountVoid] = []
  /// Who may write, and as whom (see `Members`).
  public package(set) var members = Members()
  /// Records written against the members' rules (a line appended by hand in someone else's name, say),
  /// oldest first; a forged `member.added` among them was not applied.
  public package(set) var identityViolations: [IdentityViolation] = []
  public package(set) var journalID: String?
  public package(set) var lastSeq = 0
  /// Records the fold could not apply, with why; a sound journal written by Rapport has none.
  public package(set) var anomalies: [Anomaly] = []
  public let cutoff: Day?

  /// What each record created, indexed by sequence number (dense, so an array).
  package var entries = EntryTable()
  package var previousRecord: (id: EventID, seq: Int)?
  /// `UserNames` numbers of the users met by the fold (a cache; not part of the book's value).
  var userNumbers = StringTable<UInt32>()

  /// A record that could not be applied.
  public struct Anomaly: Sendable, Equatable, CustomStringConvertible {
    public var seq: Int
    public var message: String
    public var description: String { "record \(seq): \(message)" }

    package init(seq: Int, message: String) {
      self.seq = seq
      self.message = message
    }
  }

  public init(asOf cutoff: Day? = nil) { self.cutoff = cutoff }

  public static func fold(_ records: some Sequence<Record>, asOf cutoff: Day? = nil) -> Book {
    var book = Book(asOf: cutoff)
    for record in records { book.apply(record) }
    return book
  }

  public func account(_ slug: String) throws(DomainError) -> Account {
    guard let account = accounts[slug] else { throw missingAccount(slug) }
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
      previousRecord = (record.eventID, record.seq)
      lastSeq = max(lastSeq, record.seq)
    }
    // Looked up once: each comparison of the type's string with another type's cost a call.
    let known = EventType(name: record.type)
    if known == .journalCreated {
      if journalID == nil { members.setCreator(name: record.recordedBy, login: record.login) }
      journalID = journalID ?? record.id
      return
    }
    if !isAllowed(record, adding: known == .memberAdded) { return }
    // A repair's record is about the file, not the book: `rapport verify` and the timeline of the
    // journal say what it moved.
    if known == .journalRepaired { return }
    if let cutoff, effectiveDay(of: record, type: known) > cutoff { return }
    do throws(DomainError) {
      try apply(try Event(known, type: record.type, data: record.data), of: record)
    } catch {
      // As of a past day, what an event refers to may not have happened yet (an account created
      // later, a retraction of a later entry): a cut book reports no anomalies; the full fold does.
      if cutoff != nil { return }
      if case .unknownAccount(let slug) = error { reservedSlugs.insert(slug) }
      anomalies.append(Anomaly(seq: record.seq, message: error.description))
    }
  }

  /// Checks the record's writer against the members at this point of the journal; a violation is kept,
  /// and a membership change its writer was not allowed to make is not applied (false).
  private mutating func isAllowed(_ record: Record, adding addsMember: Bool) -> Bool {
    guard members.isEnforced || addsMember else { return true }
    let owner = record.account.flatMap { accounts[$0]?.owner }
    guard
      let refusal = members.refusal(
        toWrite: record.type, accountOwner: owner, by: record.recordedBy, login: record.login)
    else { return true }
    if cutoff == nil {
      identityViolations.append(
        IdentityViolation(seq: record.seq, offset: record.offset, type: record.type, message: refusal.description))
    }
    return !addsMember
  }

  /// The day that decides whether `record` (of type `known`, nil when unknown) is in a book cut at a day.
  private func effectiveDay(of record: Record, type known: EventType?) -> Day {
    switch known {
    case .entryAmended, .entryRetracted, .accountVoided:
      // Corrections of kept entries always apply: a past state is what we know now about that day.
      // So does a void: a voided account was never a client, on any day.
      return Day(number: Int.min)
    default: return Self.businessDay(of: record)
    }
  }

  /// The day a record's event happened: the business date its data states (`date`; a scheduled QBR's
  /// `on`, since its `date` is the meeting's; a configuration change's `from`), else,
  /// for records written before every event carried one, the local day it was recorded.
  public static func businessDay(of record: Record) -> Day {
    if let text = record.data[businessDateKey(of: record.type)]?.stringValue, let day = Day(iso: text) { return day }
    return Day.local(record.recordedAt)
  }

  /// The data field that holds a record type's business date.
  private static func businessDateKey(of type: String) -> String {
    switch type {
    case EventType.qbrScheduled.rawValue: "on"
    case EventType.configSet.rawValue: "from"
    default: "date"
    }
  }

  /// Reserves the account ids that damaged lines still name (a damaged `account.created` above all), so
  /// that no new account takes an id whose history sits behind the damage.
  mutating func reserveAccounts(namedIn problems: [LineProblem], of journal: Journal) {
    for problem in problems where problem.length > 0 {
      guard let bytes = try? journal.bytes(of: problem),
        let slug = (try? JSONParser.parse(bytes))?.objectValue?["account"]?.stringValue,
        accounts[slug] == nil
      else { continue }
      reservedSlugs.insert(slug)
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

  /// Applies `event`, read from `record`, throwing what stops it.
  mutating func apply(_ event: consuming Event, of record: Record) throws(DomainError) {
    let meta = entryMeta(record)
    let isCorrection: Bool
    switch event {
    case .entryAmended, .entryRetracted: isCorrection = true
    default: isCorrection = false
    }
    // A record written before every event carried its business date is dated by the local day of `at`.
    func dated(_ date: Day?) -> Day { date ?? Day.local(record.recordedAt) }
    // Consumed: the payloads move into the entries instead of being copied and released.
    switch consume event {
    case .accountCreated(let created): try createAccount(created, record, meta: meta, on: dated(created.date))
    case .accountUpdated(let updated):
      try modify(record.account) { account in
        account.apply(updated.changes)
        if updated.changes.value != .keep {
          account.valueHistory.append(ValueChange(day: dated(updated.date), value: account.value))
        }
      }
    case .ownerAssigned(let assigned):
      try changeOwner(record, to: assigned.owner, note: nil, isHandoff: false, meta: meta, on: dated(assigned.date))
    case .handoff(let handoff):
      try changeOwner(
        record, to: handoff.owner, note: handoff.note, isHandoff: true, meta: meta, on: dated(handoff.date))
    case .stageChanged(let change):
      try modify(record.account) { account in
        account.stageChanges.append(
          StageChange(meta: meta, from: account.stage, to: change.stage, day: dated(change.date), reason: change.reason)
        )
        account.stage = change.stage
      }
    case .contactAdded(let contact): try add(Contact(meta: meta, contact), record, \.contacts, EntryRef.contact)
    case .touchpointLogged(let logged):
      try add(Touchpoint(meta: meta, logged), record, \.touchpoints, EntryRef.touchpoint)
      if case .touchpoint(let position, let index)? = entry(record.seq) {
        accounts.modify(at: position) { $0.touchFacts.append(TouchFacts($0.touchpoints[index])) }
      }
    case .npsRecorded(let response): try add(NPSResponse(meta: meta, response), record, \.npsResponses, EntryRef.nps)
    case .usageRecorded(let sample): try add(UsageSample(meta: meta, sample), record, \.usage, EntryRef.usage)
    case .ticketOpened(let opened): try openTicket(Ticket(meta: meta, opened), record)
    case .ticketClosed(let closed): try closeTicket(closed, record, meta: meta)
    case .criterionAdded(let added): try add(Criterion(meta: meta, added), record, \.criteria, EntryRef.criterion)
    case .criterionMet(let met): try meetCriterion(met, record, meta: meta)
    case .valueNoted(let note): try add(ValueNote(meta: meta, note), record, \.valueNotes, EntryRef.valueNote)
    case .qbrScheduled(let qbr): try add(ScheduledQBR(meta: meta, qbr), record, \.qbrs, EntryRef.qbr)
    case .taskCreated(let created):
      try createTask(TaskItem(meta: meta, created), created, record)
      if let standup = created.standup { linkStandupAction(task: record.seq, to: standup, seq: record.seq) }
    case .taskCompleted(let completed): try completeTask(completed.task, meta: meta, on: dated(completed.date))
    case .entryAmended(let amendment): try amend(amendment, seq: record.seq)
    case .entryRetracted(let retraction): try retract(retraction, seq: record.seq, by: record.recordedBy)
    case .configSet(let change):
      configChanges.append(ConfigChange(meta: meta, day: dated(change.from), key: change.key, value: change.value))
      configChanges.sort { ($0.day, $0.meta.seq) < ($1.day, $1.meta.seq) }
    case .standupStarted(let started): try startStandup(started, meta: meta, id: record.id)
    case .standupAgenda(let change): try changeStandupAgenda(change, seq: record.seq)
    case .standupReviewed(let review): try reviewStandupCard(review, seq: record.seq)
    case .standupHeld(let standup): holdStandup(standup, meta: meta)
    case .memberAdded(let added): members.add(added.member)
    case .renewalRecorded(let recorded):
      try modify(record.account) { account in
        if let next = recorded.nextRenewal { account.renewal = next }
        if let value = recorded.value, value != account.value {
          account.value = value
          account.valueHistory.append(ValueChange(day: recorded.date, value: value))
        }
        account.renewals.append(RenewalOutcome(meta: meta, recorded))
      }
    case .accountVoided(let voided): try voidAccount(voided, record, meta: meta, on: dated(voided.date))
    case .unknown(let type, _):
      unknownEvents.append(
        UnknownEvent(meta: meta, type: type, account: record.account, day: Self.businessDay(of: record)))
    }
    if !isCorrection, entry(record.seq) == nil { setEntry(record.seq, .fixed(type: record.type)) }
  }

  // MARK: Accounts

  private mutating func createAccount(_ created: Event.AccountCreated, _ record: Record, meta: EntryMeta, on day: Day)
    throws(DomainError)
  {
    guard let slug = record.account else { throw .missingValue(field: "account") }
    guard accounts[slug] == nil else { throw .duplicateAccount(slug) }
    var account = Account(
      slug: slug, name: slug, tier: 3, stage: created.stage, owner: created.owner, created: meta, createdDay: day)
    account.apply(created.profile)
    if created.profile.value != .keep {
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
    guard let position = accounts.position(of: slug) else { throw missingAccount(slug) }
    try accounts.modify(at: position, change)
    return position
  }

  private mutating func changeOwner(
    _ record: Record, to owner: String?, note: String?, isHandoff: Bool, meta: EntryMeta, on day: Day
  ) throws(DomainError) {
    try modify(record.account) { account in
      let change = OwnerChange(meta: meta, from: account.owner, to: owner, isHandoff: isHandoff, note: note, day: day)
      account.owner = change.to
      account.ownerChanges.append(change)
    }
  }

  // MARK: Entries

  private mutating func add<Entry: AmendableEntry, List: EntryList<Entry>>(
    _ made: consuming Entry, _ record: Record, _ list: WritableKeyPath<Account, List>,
    _ ref: (Int, Int) -> EntryRef
  ) throws(DomainError) {
    let entry = made
    var index = 0
    let position = try modify(record.account) { account in
      // One access through the key path, in place: reading the count through it first copied the
      // list, and the append then copied its storage too.
      Self.append(entry, to: &account[keyPath: list], at: &index)
    }
    setEntry(record.seq, ref(position, index))
  }

  private static func append<List: EntryList>(_ entry: List.Element, to list: inout List, at index: inout Int) {
    index = list.count
    list.append(entry)
  }

  private mutating func openTicket(_ ticket: consuming Ticket, _ record: Record) throws(DomainError) {
    // Read through the position: `accounts[slug]` would copy the whole account (a dozen lists).
    if let slug = record.account, let position = accounts.position(of: slug),
      accounts[position: position].tickets.contains(where: {
        $0.ticket == ticket.ticket && $0.isOpen && !$0.meta.isRetracted
      })
    {
      throw .ticketAlreadyOpen(account: slug, ticket: ticket.ticket)
    }
    try add(ticket, record, \.tickets, EntryRef.ticket)
  }

  private mutating func closeTicket(_ closed: Event.TicketClosed, _ record: Record, meta: EntryMeta)
    throws(DomainError)
  {
    let slug = record.account ?? ""
    var found = 0
    let position = try modify(record.account) { account throws(DomainError) in
      guard let index = account.tickets.lastIndex(where: { $0.ticket == closed.ticket && !$0.meta.isRetracted }) else {
        throw .unknownTicket(account: slug, ticket: closed.ticket)
      }
      guard account.tickets[index].isOpen else { throw .ticketAlreadyClosed(account: slug, ticket: closed.ticket) }
      account.tickets[index].closing = Ticket.Closing(day: closed.date, meta: meta)
      found = index
    }
    setEntry(record.seq, .ticketClosing(account: position, index: found))
  }

  private mutating func meetCriterion(_ met: Event.CriterionMet, _ record: Record, meta: EntryMeta)
    throws(DomainError)
  {
    let number = met.criterion
    let slug = record.account ?? ""
    var found = 0
    let position = try modify(record.account) { account throws(DomainError) in
      guard let index = account.criteria.firstIndex(where: { $0.number == number && !$0.meta.isRetracted }) else {
        throw .unknownCriterion(account: slug, number: number)
      }
      guard !account.criteria[index].isMet else { throw .criterionAlreadyMet(account: slug, number: number) }
      account.criteria[index].meeting = Criterion.Meeting(day: met.date, meta: meta)
      found = index
    }
    setEntry(record.seq, .criterionMeeting(account: position, index: found))
  }

  private mutating func createTask(_ made: consuming TaskItem, _ created: Event.TaskCreated, _ record: Record)
    throws(DomainError)
  {
    var task = made
    guard let slug = record.account else { throw .missingValue(field: "account") }
    task.account = slug
    if let follows = created.follows, let previousRecord, previousRecord.id == EventID(follows) {
      task.followsTouchpoint = previousRecord.seq
    }
    try modify(slug) { account in account.taskIDs.append(task.id) }
    tasks[task.id] = task
    setEntry(record.seq, .task(task.id))
  }

  /// The configuration in force at the end of `day` (defaults, then every change recorded by then).
  public func config(asOf day: Day? = nil) -> RulesConfig {
    var config = RulesConfig()
    for change in configChanges where day.map({ change.day <= $0 }) ?? true {
      try? config.set(change.key, to: change.value)
    }
    return config
  }

  private mutating func completeTask(_ id: Int, meta: EntryMeta, on day: Day) throws(DomainError) {
    guard var task = tasks[id], !task.meta.isRetracted else { throw .unknownTask(id) }
    guard !task.isDone else { throw .taskAlreadyDone(id) }
    task.completion = TaskItem.Completion(day: day, meta: meta)
    tasks[id] = task
    setEntry(meta.seq, .taskCompletion(id))
  }
}
