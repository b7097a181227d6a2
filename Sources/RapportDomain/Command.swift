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
  /// Records a standup: the accounts discussed and skipped, and the tasks added as action items.
  case recordStandup(day: Day, owner: String?, discussed: [String], skipped: [String], actions: [Int])
  /// Changes a rules setting from `from` on (without it, from the context's today); a change may be
  /// set ahead.
  case setConfig(key: String, value: Double, from: Day? = nil)

  /// The events this command appends, validated against `book`; `context` gives today (the default
  /// business date, and the last day anything can have happened) and the acting user.
  public func drafts(in book: Book, context: Context) throws(DomainError) -> [EventDraft] {
    try Validation.user(context.user)
    let today = context.today
    switch self {
    case .addAccount(let slug, let profile, let date):
      return try addAccountDrafts(slug, profile, happened(date, today), book)
    case .updateAccount(let slug, let profile, let date):
      return try updateAccountDrafts(slug, profile, happened(date, today), book)
    case .assignOwner(let slug, let owner, let date):
      let account = try book.account(slug)
      try Validation.user(owner)
      guard account.owner != owner else { throw .sameOwner(account: slug, owner: owner) }
      return [ownerDraft(slug, owner, on: try happened(date, today))]
    case .handOff(let slug, let newOwner, let note, let date):
      let account = try book.account(slug)
      try Validation.user(newOwner)
      guard account.owner != nil else { throw .noOwnerToHandOff(slug) }
      guard account.owner != newOwner else { throw .sameOwner(account: slug, owner: newOwner) }
      var data = JSONObject([("owner", .string(newOwner)), ("previous", account.owner.json)])
      if let note = try Validation.optionalText(note, field: "note") { data["note"] = .string(note) }
      data["date"] = .string(try happened(date, today).description)
      return [EventDraft(type: EventType.handoff.rawValue, account: slug, data: data)]
    case .changeStage(let slug, let stage, let reason, let date):
      let account = try book.account(slug)
      guard account.stage != stage else {
        throw .invalidValue(field: "stage", value: stage.rawValue, expected: "a stage other than the current one")
      }
      let reason = try Validation.optionalText(reason, field: "reason")
      return [stageDraft(slug, stage, from: account.stage, reason: reason, on: try happened(date, today))]
    case .addContact(let slug, let name, let role, let email, let isSponsor, let date):
      _ = try book.account(slug)
      var data = JSONObject([("name", .string(try Validation.text(name, field: "contact name")))])
      if let role = try Validation.optionalText(role, field: "role") { data["role"] = .string(role) }
      if let email = try Validation.optionalText(email, field: "email") {
        guard email.contains("@"), !email.contains(" ") else {
          throw .invalidValue(field: "email", value: email, expected: "an address like name@example.com")
        }
        data["email"] = .string(email)
      }
      data["sponsor"] = .bool(isSponsor)
      data["date"] = .string(try happened(date, today).description)
      return [EventDraft(type: EventType.contactAdded.rawValue, account: slug, data: data)]
    case .logTouchpoint(let slug, let input): return try touchpointDrafts(slug, input, book, today)
    case .recordNPS(let slug, let score, let contact, let comment, let date):
      _ = try book.account(slug)
      guard (0...10).contains(score) else {
        throw .invalidValue(field: "score", value: String(score), expected: "0 to 10")
      }
      var data = JSONObject([("score", .number(Double(score)))])
      if let contact = try Validation.optionalText(contact, field: "contact") { data["contact"] = .string(contact) }
      if let comment = try Validation.optionalText(comment, field: "comment") { data["comment"] = .string(comment) }
      data["date"] = .string(try happened(date, today).description)
      return [EventDraft(type: EventType.npsRecorded.rawValue, account: slug, data: data)]
    case .recordUsage(let slug, let value, let date):
      _ = try book.account(slug)
      guard value.isFinite, value >= 0 else {
        throw .invalidValue(field: "usage value", value: String(value), expected: "a number ≥ 0")
      }
      let data = JSONObject([("value", .number(value)), ("date", .string(try happened(date, today).description))])
      return [EventDraft(type: EventType.usageRecorded.rawValue, account: slug, data: data)]
    case .openTicket(let slug, let ticket, let severity, let date):
      let account = try book.account(slug)
      let id = try Validation.text(ticket, field: "ticket id")
      if account.tickets.contains(where: { $0.ticket == id && $0.isOpen && !$0.meta.isRetracted }) {
        throw .ticketAlreadyOpen(account: slug, ticket: id)
      }
      let data = JSONObject([
        ("ticket", .string(id)), ("severity", .string(severity.rawValue)),
        ("date", .string(try happened(date, today).description)),
      ])
      return [EventDraft(type: EventType.ticketOpened.rawValue, account: slug, data: data)]
    case .closeTicket(let slug, let ticket, let date):
      let account = try book.account(slug)
      guard let found = account.tickets.last(where: { $0.ticket == ticket && !$0.meta.isRetracted }) else {
        throw .unknownTicket(account: slug, ticket: ticket)
      }
      guard found.isOpen else { throw .ticketAlreadyClosed(account: slug, ticket: ticket) }
      let data = JSONObject([("ticket", .string(ticket)), ("date", .string(try happened(date, today).description))])
      return [EventDraft(type: EventType.ticketClosed.rawValue, account: slug, data: data)]
    case .addCriterion(let slug, let text, let target, let date):
      let account = try book.account(slug)
      var data = JSONObject([
        ("number", .number(Double(account.criteria.count + 1))),
        ("text", .string(try Validation.text(text, field: "criterion"))),
      ])
      if let target {
        try Validation.day(target, field: "target")
        data["target"] = .string(target.description)
      }
      data["date"] = .string(try happened(date, today).description)
      return [EventDraft(type: EventType.criterionAdded.rawValue, account: slug, data: data)]
    case .meetCriterion(let slug, let number, let date):
      let account = try book.account(slug)
      guard let criterion = account.criteria.first(where: { $0.number == number && !$0.meta.isRetracted }) else {
        throw .unknownCriterion(account: slug, number: number)
      }
      guard !criterion.isMet else { throw .criterionAlreadyMet(account: slug, number: number) }
      let data = JSONObject([
        ("criterion", .number(Double(number))), ("date", .string(try happened(date, today).description)),
      ])
      return [EventDraft(type: EventType.criterionMet.rawValue, account: slug, data: data)]
    case .noteValue(let slug, let text, let date):
      _ = try book.account(slug)
      let data = JSONObject([
        ("text", .string(try Validation.text(text, field: "value note"))),
        ("date", .string(try happened(date, today).description)),
      ])
      return [EventDraft(type: EventType.valueNoted.rawValue, account: slug, data: data)]
    case .scheduleQBR(let slug, let date, let on):
      _ = try book.account(slug)
      try Validation.day(date, field: "QBR date")
      let data = JSONObject([
        ("date", .string(date.description)), ("on", .string(try happened(on, today, field: "--on").description)),
      ])
      return [EventDraft(type: EventType.qbrScheduled.rawValue, account: slug, data: data)]
    case .addTask(let slug, let text, let due, let owner, let date):
      let account = try book.account(slug)
      return [
        try taskDraft(
          slug, text: text, due: due, owner: owner ?? account.owner ?? context.user, on: try happened(date, today),
          follows: nil)
      ]
    case .completeTask(let id, let date):
      guard let task = book.tasks[id], !task.meta.isRetracted else { throw .unknownTask(id) }
      guard !task.isDone else { throw .taskAlreadyDone(id) }
      let data = JSONObject([("task", .number(Double(id))), ("date", .string(try happened(date, today).description))])
      return [EventDraft(type: EventType.taskCompleted.rawValue, account: task.account, data: data)]
    case .amend(let seq, let changes):
      return [try correctionDraft(.entryAmended, seq, changes: changes, reason: nil, book, context)]
    case .setConfig(let key, let value, let from):
      var config = book.config()
      try config.set(key, to: value)
      let day = from ?? today
      try Validation.day(day, field: "--date")
      let data = JSONObject([("key", .string(key)), ("value", .number(value)), ("from", .string(day.description))])
      return [EventDraft(type: EventType.configSet.rawValue, data: data)]
    case .recordStandup(let day, let owner, let discussed, let skipped, let actions):
      try Validation.happened(day, field: "standup day", today: today)
      for slug in discussed + skipped { _ = try book.account(slug) }
      for id in actions where book.tasks[id] == nil { throw .unknownTask(id) }
      if let owner { try Validation.user(owner) }
      let data = Standup.data(day: day, owner: owner, discussed: discussed, skipped: skipped, actions: actions)
      return [EventDraft(type: EventType.standupHeld.rawValue, account: nil, data: data)]
    case .retract(let seq, let reason):
      return [try correctionDraft(.entryRetracted, seq, changes: nil, reason: reason, book, context)]
    }
  }

  /// The business date of a write: the date given, else today; never before 1990 nor after today.
  private func happened(_ date: Day?, _ today: Day, field: String = "--date") throws(DomainError) -> Day {
    guard let date else { return today }
    try Validation.happened(date, field: field, today: today)
    return date
  }

  private func addAccountDrafts(_ slug: String, _ profile: AccountProfile, _ day: Day, _ book: Book)
    throws(DomainError) -> [EventDraft]
  {
    try Validation.slug(slug)
    guard book.accounts[slug] == nil else { throw .duplicateAccount(slug) }
    guard let tier = profile.tier else { throw .missingValue(field: "tier (--tier 1|2|3)") }
    try Validation.tier(tier)
    let name = try Validation.text(profile.name ?? "", field: "name (--name)")
    var data = JSONObject([("name", .string(name)), ("tier", .number(Double(tier)))])
    data["stage"] = .string((profile.stage ?? .onboarding).rawValue)
    if let owner = profile.owner {
      try Validation.user(owner)
      data["owner"] = .string(owner)
    }
    try addOptionalProfile(profile, to: &data)
    data["date"] = .string(day.description)
    return [EventDraft(type: EventType.accountCreated.rawValue, account: slug, data: data)]
  }

  private func updateAccountDrafts(_ slug: String, _ profile: AccountProfile, _ day: Day, _ book: Book)
    throws(DomainError) -> [EventDraft]
  {
    let account = try book.account(slug)
    var data = JSONObject()
    if let name = profile.name, name.trimmingSpaces() != account.name {
      data["name"] = .string(try Validation.text(name, field: "name"))
    }
    if let tier = profile.tier, tier != account.tier {
      try Validation.tier(tier)
      data["tier"] = .number(Double(tier))
    }
    var changed = profile
    changed.manager = profile.manager == account.manager ? nil : profile.manager
    changed.signed = profile.signed == account.signed ? nil : profile.signed
    changed.renewal = profile.renewal == account.renewal ? nil : profile.renewal
    changed.value = profile.value == account.value ? nil : profile.value
    try addOptionalProfile(changed, to: &data)
    var drafts: [EventDraft] = []
    if !data.isEmpty {
      data["date"] = .string(day.description)
      drafts.append(EventDraft(type: EventType.accountUpdated.rawValue, account: slug, data: data))
    }
    if let owner = profile.owner, owner != account.owner {
      try Validation.user(owner)
      drafts.append(ownerDraft(slug, owner, on: day))
    }
    if let stage = profile.stage, stage != account.stage {
      drafts.append(stageDraft(slug, stage, from: account.stage, reason: nil, on: day))
    }
    guard !drafts.isEmpty else { throw .nothingToChange }
    return drafts
  }

  private func addOptionalProfile(_ profile: AccountProfile, to data: inout JSONObject) throws(DomainError) {
    if let manager = profile.manager {
      try Validation.user(manager)
      data["manager"] = .string(manager)
    }
    if let signed = profile.signed {
      try Validation.day(signed, field: "signed")
      data["signed"] = .string(signed.description)
    }
    if let renewal = profile.renewal {
      try Validation.day(renewal, field: "renewal")
      data["renewal"] = .string(renewal.description)
    }
    if let value = profile.value { data["value"] = .number(value.units) }
  }

  private func ownerDraft(_ slug: String, _ owner: String, on day: Day) -> EventDraft {
    EventDraft(
      type: EventType.ownerAssigned.rawValue, account: slug,
      data: JSONObject([("owner", .string(owner)), ("date", .string(day.description))]))
  }

  private func stageDraft(_ slug: String, _ stage: Stage, from previous: Stage, reason: String?, on day: Day)
    -> EventDraft
  {
    var data = JSONObject([("stage", .string(stage.rawValue)), ("previous", .string(previous.rawValue))])
    if let reason { data["reason"] = .string(reason) }
    data["date"] = .string(day.description)
    return EventDraft(type: EventType.stageChanged.rawValue, account: slug, data: data)
  }

  private func touchpointDrafts(_ slug: String, _ input: TouchpointInput, _ book: Book, _ today: Day)
    throws(DomainError) -> [EventDraft]
  {
    let account = try book.account(slug)
    try Validation.happened(input.date, field: "--date", today: today)
    var data = JSONObject([("kind", .string(input.kind.rawValue)), ("date", .string(input.date.description))])
    let participants = input.participants.map { $0.trimmingSpaces() }.filter { !$0.isEmpty }
    if !participants.isEmpty { data["with"] = .array(participants.map { .string($0) }) }
    data["summary"] = .string(try Validation.text(input.summary, field: "summary (--summary)"))
    if let outcome = try Validation.optionalText(input.outcome, field: "outcome") { data["outcome"] = .string(outcome) }
    data["meaningful"] = .bool(input.meaningful ?? input.kind.isMeaningfulByDefault)
    let touchpoint = EventDraft(type: EventType.touchpointLogged.rawValue, account: slug, data: data)
    guard let followUp = input.followUp else { return [touchpoint] }
    let task = try taskDraft(
      slug, text: followUp.text, due: followUp.due, owner: followUp.owner ?? account.owner, on: input.date,
      follows: touchpoint.id)
    return [touchpoint, task]
  }

  private func taskDraft(_ slug: String, text: String, due: Day, owner: String?, on day: Day, follows: String?)
    throws(DomainError) -> EventDraft
  {
    try Validation.day(due, field: "due date")
    var data = JSONObject([
      ("text", .string(try Validation.text(text, field: "task text"))), ("due", .string(due.description)),
    ])
    if let owner {
      try Validation.user(owner)
      data["owner"] = .string(owner)
    }
    if let follows { data["follows"] = .string(follows) }
    data["date"] = .string(day.description)
    return EventDraft(type: EventType.taskCreated.rawValue, account: slug, data: data)
  }

  /// Validates a correction by applying it to a copy of the book, so it is checked exactly as the fold
  /// will apply it. A corrected date of something that happened may not be after today.
  private func correctionDraft(
    _ type: EventType, _ seq: Int, changes: JSONObject?, reason: String?, _ book: Book, _ context: Context
  ) throws(DomainError) -> EventDraft {
    let target = try book.correctionTarget(seq)
    var data = JSONObject([("target", .number(Double(seq)))])
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
      data["changes"] = .object(changes)
    }
    if let reason = try Validation.optionalText(reason, field: "reason") { data["reason"] = .string(reason) }
    data["date"] = .string(context.today.description)
    let account = try book.correctionAccount(seq)
    let draft = EventDraft(type: type.rawValue, account: account, data: data)
    var trial = book
    let record = Record(
      schema: Record.currentSchema, seq: book.lastSeq + 1, id: draft.id, recordedAt: context.now,
      recordedBy: context.user, type: draft.type, account: account, data: data, batch: nil, hash: "", offset: 0)
    if type == .entryAmended { try trial.amend(record) } else { try trial.retract(record) }
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
