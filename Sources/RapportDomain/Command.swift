import RapportJournal

/// Everything a user can do that writes to the journal. `drafts(in:by:)` validates the command against
/// the current book and returns the events to append, all or nothing.
public enum Command: Sendable, Equatable {
  // Each case's `date` is the business date, the day the thing happened (nil: the context's today);
  // it may not be after today.
  case addAccount(slug: String, profile: AccountProfile, date: Day? = nil)
  case updateAccount(slug: String, profile: AccountProfile, date: Day? = nil)
  case assignOwner(slug: String, owner: String, date: Day? = nil)
  case handOff(slug: String, to: String, note: String?, date: Day? = nil)
  /// `reason` says why (why a client churned, above all).
  case changeStage(slug: String, stage: Stage, reason: String? = nil, date: Day? = nil)
  case addContact(slug: String, name: String, role: String?, email: String?, isSponsor: Bool, date: Day? = nil)
  case logTouchpoint(slug: String, TouchpointInput)
  case recordNPS(slug: String, score: Int, contact: String?, comment: String?, date: Day)
  case recordUsage(slug: String, value: Double, date: Day)
  case openTicket(slug: String, ticket: String, severity: Severity, date: Day)
  case closeTicket(slug: String, ticket: String, date: Day)
  case addCriterion(slug: String, text: String, target: Day?, date: Day? = nil)
  case meetCriterion(slug: String, number: Int, date: Day)
  case noteValue(slug: String, text: String, date: Day)
  /// `date` is the meeting's day (it may be ahead); `on`, the day it was put on the calendar.
  case scheduleQBR(slug: String, date: Day, on: Day? = nil)
  case addTask(slug: String, text: String, due: Day, owner: String?, date: Day? = nil)
  case completeTask(id: Int, date: Day)
  case amend(seq: Int, changes: JSONObject)
  case retract(seq: Int, reason: String?)
  /// Records a renewal's outcome: sets the next renewal date (`termMonths`, default 12, after the
  /// renewal date) and the value; a churn also moves the account to `churned`, with the reason.
  case recordRenewal(
    slug: String, result: RenewalOutcome.Result, value: Money?, termMonths: Int?, reason: String?, date: Day? = nil)
  /// Adds a member to the journal (or replaces their entry): an admin's command. `email` nil keeps the
  /// member's address (none for a new member), empty removes it.
  case addMember(name: String, logins: [String], role: Member.Role, email: String? = nil, date: Day? = nil)
  /// Records a standup: the accounts discussed and skipped, and the tasks added as action items.
  case recordStandup(day: Day, owner: String?, discussed: [String], skipped: [String], actions: [Int])
  /// Voids an account created by mistake: it leaves every list and metric and its id is free again
  /// (see `Members.refusal(toVoid:createdBy:writers:by:)` for who may).
  case voidAccount(slug: String, reason: String, date: Day? = nil)
  /// A step of a standup as it goes (started, a card reviewed, an action item, held): see `StandupStep`.
  case standup(StandupTarget, StandupStep)
  /// Changes a rules setting from `from` on (without it, from the context's today); a change may be
  /// set ahead.
  case setConfig(key: String, value: Double, from: Day? = nil)

  /// The events this command appends, validated against `book`; `context` gives today (the default
  /// business date, and the last day anything can have happened) and the acting user.
  ///
  /// On a journal with members, every draft is also checked against who is writing (see `Members`).
  public func drafts(in book: Book, context: Context) throws(DomainError) -> [EventDraft] {
    try Validation.user(context.user)
    try Validation.todayNotAfterClock(context)
    let drafts = try validatedDrafts(in: book, context: context)
    for draft in drafts {
      let owner = draft.account.flatMap { book.accounts[$0]?.owner }
      if let refusal = book.members.refusal(
        toWrite: draft.type, accountOwner: owner, by: context.user, login: context.login)
      {
        throw refusal
      }
    }
    return drafts
  }

  private func validatedDrafts(in book: Book, context: Context) throws(DomainError) -> [EventDraft] {
    let today = context.today
    switch self {
    case .addAccount(let slug, let profile, let date):
      return [EventDraft(try accountCreated(slug, profile, happened(date, today), book), account: slug)]
    case .updateAccount(let slug, let profile, let date):
      return try updateAccountDrafts(slug, profile, happened(date, today), book)
    case .assignOwner(let slug, let owner, let date):
      let account = try book.account(slug)
      try Validation.user(owner)
      guard account.owner != owner else { throw .sameOwner(account: slug, owner: owner) }
      return [EventDraft(.ownerAssigned(.init(owner: owner, date: try happened(date, today))), account: slug)]
    case .handOff(let slug, let newOwner, let note, let date):
      let account = try book.account(slug)
      try Validation.user(newOwner)
      guard account.owner != nil else { throw .noOwnerToHandOff(slug) }
      guard account.owner != newOwner else { throw .sameOwner(account: slug, owner: newOwner) }
      let handoff = Event.Handoff(
        owner: newOwner, previous: account.owner, note: try Validation.optionalText(note, field: "note"),
        date: try happened(date, today))
      return [EventDraft(.handoff(handoff), account: slug)]
    case .changeStage(let slug, let stage, let reason, let date):
      let account = try book.account(slug)
      guard account.stage != stage else {
        throw .invalidValue(field: "stage", value: stage.rawValue, expected: "a stage other than the current one")
      }
      let change = Event.StageChanged(
        stage: stage, previous: account.stage, reason: try Validation.optionalText(reason, field: "reason"),
        date: try happened(date, today))
      return [EventDraft(.stageChanged(change), account: slug)]
    case .addContact(let slug, let name, let role, let email, let isSponsor, let date):
      _ = try book.account(slug)
      let email = try Validation.optionalText(email, field: "email")
      if let email, !email.contains("@") || email.contains(" ") {
        throw .invalidValue(field: "email", value: email, expected: "an address like name@example.com")
      }
      let contact = Event.ContactAdded(
        name: try Validation.text(name, field: "contact name"), role: try Validation.optionalText(role, field: "role"),
        email: email, isSponsor: isSponsor, date: try happened(date, today))
      return [EventDraft(.contactAdded(contact), account: slug)]
    case .logTouchpoint(let slug, let input): return try touchpointDrafts(slug, input, book, today)
    case .recordNPS(let slug, let score, let contact, let comment, let date):
      _ = try book.account(slug)
      guard (0...10).contains(score) else {
        throw .invalidValue(field: "score", value: String(score), expected: "0 to 10")
      }
      let response = Event.NPSRecorded(
        score: score, contact: try Validation.optionalText(contact, field: "contact"),
        comment: try Validation.optionalText(comment, field: "comment"), date: try happened(date, today))
      return [EventDraft(.npsRecorded(response), account: slug)]
    case .recordUsage(let slug, let value, let date):
      _ = try book.account(slug)
      guard Quantity.isAcceptable(value) else {
        throw .invalidValue(field: "usage value", value: String(value), expected: Quantity.expected)
      }
      return [EventDraft(.usageRecorded(.init(value: value, date: try happened(date, today))), account: slug)]
    case .openTicket(let slug, let ticket, let severity, let date):
      let account = try book.account(slug)
      let id = try Validation.text(ticket, field: "ticket id")
      if account.tickets.contains(where: { $0.ticket == id && $0.isOpen && !$0.meta.isRetracted }) {
        throw .ticketAlreadyOpen(account: slug, ticket: id)
      }
      let opened = Event.TicketOpened(ticket: id, severity: severity, date: try happened(date, today))
      return [EventDraft(.ticketOpened(opened), account: slug)]
    case .closeTicket(let slug, let ticket, let date):
      let account = try book.account(slug)
      guard let found = account.tickets.last(where: { $0.ticket == ticket && !$0.meta.isRetracted }) else {
        throw .unknownTicket(account: slug, ticket: ticket)
      }
      guard found.isOpen else { throw .ticketAlreadyClosed(account: slug, ticket: ticket) }
      return [EventDraft(.ticketClosed(.init(ticket: ticket, date: try happened(date, today))), account: slug)]
    case .addCriterion(let slug, let text, let target, let date):
      let account = try book.account(slug)
      if let target { try Validation.day(target, field: "target") }
      let criterion = Event.CriterionAdded(
        number: account.criteria.count + 1, text: try Validation.text(text, field: "criterion"), target: target,
        date: try happened(date, today))
      return [EventDraft(.criterionAdded(criterion), account: slug)]
    case .meetCriterion(let slug, let number, let date):
      let account = try book.account(slug)
      guard let criterion = account.criteria.first(where: { $0.number == number && !$0.meta.isRetracted }) else {
        throw .unknownCriterion(account: slug, number: number)
      }
      guard !criterion.isMet else { throw .criterionAlreadyMet(account: slug, number: number) }
      return [EventDraft(.criterionMet(.init(criterion: number, date: try happened(date, today))), account: slug)]
    case .noteValue(let slug, let text, let date):
      _ = try book.account(slug)
      let note = Event.ValueNoted(text: try Validation.text(text, field: "value note"), date: try happened(date, today))
      return [EventDraft(.valueNoted(note), account: slug)]
    case .scheduleQBR(let slug, let date, let on):
      _ = try book.account(slug)
      try Validation.day(date, field: "QBR date")
      let qbr = Event.QBRScheduled(date: date, on: try happened(on, today, field: "--on"))
      return [EventDraft(.qbrScheduled(qbr), account: slug)]
    case .addTask(let slug, let text, let due, let owner, let date):
      let account = try book.account(slug)
      let task = try taskCreated(
        text: text, due: due, owner: owner ?? account.owner ?? context.user, on: try happened(date, today),
        follows: nil)
      return [EventDraft(.taskCreated(task), account: slug)]
    case .completeTask(let id, let date):
      guard let task = book.tasks[id], !task.meta.isRetracted else { throw .unknownTask(id) }
      guard book.isLive(task) else { throw book.missingAccount(task.account) }
      guard !task.isDone else { throw .taskAlreadyDone(id) }
      return [EventDraft(.taskCompleted(.init(task: id, date: try happened(date, today))), account: task.account)]
    case .amend(let seq, let changes):
      return [try correctionDraft(seq, changes: changes, reason: nil, book, context)]
    case .setConfig(let key, let value, let from):
      var config = book.config()
      try config.set(key, to: value)
      let day = from ?? today
      try Validation.day(day, field: "--date")
      return [EventDraft(.configSet(.init(key: key, value: value, from: day)), account: nil)]
    case .recordStandup(let day, let owner, let discussed, let skipped, let actions):
      try Validation.happened(day, field: "standup day", today: today)
      for slug in discussed + skipped { _ = try book.account(slug) }
      for id in actions where book.tasks[id] == nil { throw .unknownTask(id) }
      if let owner { try Validation.user(owner) }
      let standup = Event.StandupHeld(date: day, owner: owner, discussed: discussed, skipped: skipped, actions: actions)
      return [EventDraft(.standupHeld(standup), account: nil)]
    case .standup(let target, let step): return try standupDrafts(target, step, in: book, context: context)
    case .retract(let seq, let reason):
      return [try correctionDraft(seq, changes: nil, reason: reason, book, context)]
    case .recordRenewal(let slug, let result, let value, let termMonths, let reason, let date):
      return try renewalDrafts(
        slug, result, value: value, termMonths: termMonths, reason: reason, on: happened(date, today), book)
    case .voidAccount(let slug, let reason, let date):
      let account = try book.account(slug)
      let reason = try Validation.text(reason, field: "reason (--reason)")
      if let refusal = book.voidRefusal(of: account, by: context.user) { throw refusal }
      return [EventDraft(.accountVoided(.init(reason: reason, date: try happened(date, today))), account: slug)]
    case .addMember(let name, let logins, let role, let email, let date):
      try Validation.user(name)
      guard !logins.isEmpty else { throw .missingValue(field: "--login") }
      for login in logins { try Validation.login(login) }
      if let email, !email.isEmpty { try Validation.email(email, field: "--email") }
      let address = email.map { $0.isEmpty ? nil : $0 } ?? book.members.listed.first { $0.name == name }?.email
      let member = Member(name: name, logins: Array(Set(logins)).sorted(), role: role, email: address)
      if book.members.listed.contains(member) { throw .nothingToChange }
      return [EventDraft(.memberAdded(.init(member: member, date: try happened(date, today))), account: nil)]
    }
  }

  /// The business date of a write: the date given, else today; never before 1990 nor after today.
  private func happened(_ date: Day?, _ today: Day, field: String = "--date") throws(DomainError) -> Day {
    guard let date else { return today }
    try Validation.happened(date, field: field, today: today)
    return date
  }

  private func accountCreated(_ slug: String, _ profile: AccountProfile, _ day: Day, _ book: Book)
    throws(DomainError) -> Event
  {
    try Validation.slug(slug)
    guard book.accounts[slug] == nil else { throw .duplicateAccount(slug) }
    guard !book.reservedSlugs.contains(slug) else { throw .reservedAccount(slug) }
    guard let tier = profile.tier else { throw .missingValue(field: "tier (--tier 1|2|3)") }
    try Validation.tier(tier)
    if let owner = profile.owner { try Validation.user(owner) }
    var fields = try optionalFields(profile)
    fields.name = try Validation.text(profile.name ?? "", field: "name (--name)")
    fields.tier = tier
    return .accountCreated(
      .init(stage: profile.stage ?? .onboarding, owner: profile.owner, profile: fields, date: day))
  }

  private func updateAccountDrafts(_ slug: String, _ profile: AccountProfile, _ day: Day, _ book: Book)
    throws(DomainError) -> [EventDraft]
  {
    let account = try book.account(slug)
    var changed = profile
    changed.manager = profile.manager == account.manager ? nil : profile.manager
    changed.signed = profile.signed == account.signed ? nil : profile.signed
    changed.renewal = profile.renewal == account.renewal ? nil : profile.renewal
    changed.value = profile.value == account.value ? nil : profile.value
    var fields = try optionalFields(changed)
    if let name = profile.name, name.trimmingSpaces() != account.name {
      fields.name = try Validation.text(name, field: "name")
    }
    if let tier = profile.tier, tier != account.tier {
      try Validation.tier(tier)
      fields.tier = tier
    }
    var drafts: [EventDraft] = []
    if !fields.isEmpty { drafts.append(EventDraft(.accountUpdated(.init(changes: fields, date: day)), account: slug)) }
    if let owner = profile.owner, owner != account.owner {
      try Validation.user(owner)
      drafts.append(EventDraft(.ownerAssigned(.init(owner: owner, date: day)), account: slug))
    }
    if let stage = profile.stage, stage != account.stage {
      let change = Event.StageChanged(stage: stage, previous: account.stage, reason: nil, date: day)
      drafts.append(EventDraft(.stageChanged(change), account: slug))
    }
    guard !drafts.isEmpty else { throw .nothingToChange }
    return drafts
  }

  /// The manager, dates and value a profile gives, checked.
  private func optionalFields(_ profile: AccountProfile) throws(DomainError) -> AccountFields {
    if let manager = profile.manager { try Validation.user(manager) }
    if let signed = profile.signed { try Validation.day(signed, field: "signed") }
    if let renewal = profile.renewal { try Validation.day(renewal, field: "renewal") }
    return AccountFields(
      manager: FieldChange(profile.manager), signed: FieldChange(profile.signed),
      renewal: FieldChange(profile.renewal), value: FieldChange(profile.value))
  }

  private func touchpointDrafts(_ slug: String, _ input: TouchpointInput, _ book: Book, _ today: Day)
    throws(DomainError) -> [EventDraft]
  {
    let account = try book.account(slug)
    try Validation.happened(input.date, field: "--date", today: today)
    let logged = Event.TouchpointLogged(
      kind: input.kind, date: input.date,
      participants: input.participants.map { $0.trimmingSpaces() }.filter { !$0.isEmpty },
      summary: try Validation.text(input.summary, field: "summary (--summary)"),
      outcome: try Validation.optionalText(input.outcome, field: "outcome"),
      meaningful: input.meaningful ?? input.kind.isMeaningfulByDefault, closes: input.closes)
    let touchpoint = EventDraft(.touchpointLogged(logged), account: slug)
    guard let followUp = input.followUp else { return [touchpoint] }
    let task = try taskCreated(
      text: followUp.text, due: followUp.due, owner: followUp.owner ?? account.owner, on: input.date,
      follows: touchpoint.id)
    return [touchpoint, EventDraft(.taskCreated(task), account: slug)]
  }

  private func renewalDrafts(
    _ slug: String, _ result: RenewalOutcome.Result, value: Money?, termMonths: Int?, reason: String?, on day: Day,
    _ book: Book
  ) throws(DomainError) -> [EventDraft] {
    let account = try book.account(slug)
    guard account.stage != .churned else {
      throw .invalidValue(field: "outcome", value: result.rawValue, expected: "an account that has not churned")
    }
    let term = termMonths ?? 12
    guard (1...120).contains(term) else {
      throw .invalidValue(field: "--term", value: String(term), expected: "1 to 120 months")
    }
    if let value, let current = account.value {
      if result == .expanded, value <= current {
        throw .invalidValue(field: "--value", value: "\(value)", expected: "more than the current \(current)")
      }
      if result == .downsized, value >= current {
        throw .invalidValue(field: "--value", value: "\(value)", expected: "less than the current \(current)")
      }
    } else if value == nil, result == .expanded || result == .downsized {
      throw .missingValue(field: "--value (the new contract value)")
    }
    var next: Day?
    if result != .churned {
      let base = account.renewal ?? day
      next = base.adding(months: term)
      while let candidate = next, candidate <= day { next = candidate.adding(months: term) }
    }
    let reason = try Validation.optionalText(reason, field: "reason")
    let recorded = Event.RenewalRecorded(
      result: result, date: day, renewal: account.renewal, nextRenewal: next, value: value,
      termMonths: result == .churned ? nil : term, reason: reason)
    var drafts = [EventDraft(.renewalRecorded(recorded), account: slug)]
    if result == .churned {
      let change = Event.StageChanged(stage: .churned, previous: account.stage, reason: reason, date: day)
      drafts.append(EventDraft(.stageChanged(change), account: slug))
    }
    return drafts
  }

  private func taskCreated(text: String, due: Day, owner: String?, on day: Day, follows: String?)
    throws(DomainError) -> Event.TaskCreated
  {
    try Validation.day(due, field: "due date")
    if let owner { try Validation.user(owner) }
    return Event.TaskCreated(
      text: try Validation.text(text, field: "task text"), due: due, owner: owner, follows: follows, date: day)
  }

  /// An amendment (with `changes`) or a retraction, validated by applying it to a copy of the book, so
  /// it is checked exactly as the fold will apply it. A corrected date of something that happened may
  /// not be after today.
  private func correctionDraft(
    _ seq: Int, changes: JSONObject?, reason: String?, _ book: Book, _ context: Context
  ) throws(DomainError) -> EventDraft {
    let target = try book.correctionTarget(seq)
    let event: Event
    if var changes {
      guard !changes.isEmpty else { throw .nothingToChange }
      // A new kind brings its own default for counting as a check-in, unless the user says otherwise.
      if target.type == EventType.touchpointLogged.rawValue, changes["meaningful"] == nil,
        let kind = changes["kind"]?.stringValue.flatMap(TouchpointKind.init(rawValue:))
      {
        changes["meaningful"] = .bool(kind.isMeaningfulByDefault)
      }
      if target.isRetracted {
        throw .notCorrectable(seq: seq, type: target.type, hint: "it is retracted")
      }
      try checkDates(in: changes, of: target, today: context.today)
      event = .entryAmended(.init(target: seq, changes: changes, date: context.today))
    } else {
      let reason = try Validation.optionalText(reason, field: "reason")
      event = .entryRetracted(.init(target: seq, reason: reason, date: context.today))
    }
    let draft = EventDraft(event, account: try book.correctionAccount(seq))
    var trial = book
    let record = Record(
      schema: Record.currentSchema, seq: book.lastSeq + 1, id: draft.id, recordedAt: context.now,
      recordedBy: context.user, type: draft.type, account: draft.account, data: draft.data, batch: nil, hash: "",
      offset: 0)
    try trial.apply(event, of: record)
    return draft
  }

  private func checkDates(in changes: JSONObject, of target: Book.CorrectionTarget, today: Day) throws(DomainError) {
    for key in ["date", "due", "target"] {
      guard let text = changes[key]?.stringValue, let day = Day(iso: text) else { continue }
      // A QBR's date is the meeting's, and due and target dates lie ahead: only the range applies.
      if key == "date", target.type != EventType.qbrScheduled.rawValue {
        try Validation.happened(day, field: key, today: today)
      } else {
        try Validation.day(day, field: key)
      }
    }
  }
}
