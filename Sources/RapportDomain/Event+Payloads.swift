import RapportJournal

// The payload of each event type, with its `data` both ways. Every payload carries `date`, its business
// date (the day it happened; a QBR's `on`, since its `date` is the meeting's; a configuration change's
// `from`): nil only in records written before every event carried one, which the fold dates by the local
// day of their `at`.

extension Event {
  public struct AccountCreated: EventPayload {
    public static let type = EventType.accountCreated
    public var stage: Stage
    public var owner: String?
    /// Name and tier (a record without them gives the account its id as name, and tier 3), manager,
    /// signature and renewal dates, contract value.
    public var profile: AccountFields
    public var date: Day?

    public init(stage: Stage, owner: String?, profile: AccountFields, date: Day?) {
      self.stage = stage
      self.owner = owner
      self.profile = profile
      self.date = date
    }

    public init(data: JSONObject) throws(DomainError) {
      let fields = Fields(data: data)
      let stage = try fields.optionalString("stage").map { text throws(DomainError) in try Fields.stage(text) }
      self.init(
        stage: stage ?? .onboarding, owner: fields.optionalString("owner"), profile: try AccountFields(data: data),
        date: try fields.optionalDay("date"))
    }

    public var data: JSONObject {
      var data = JSONObject()
      if let name = profile.name { data["name"] = .string(name) }
      if let tier = profile.tier { data["tier"] = .number(Double(tier)) }
      data["stage"] = .string(stage.rawValue)
      if let owner { data["owner"] = .string(owner) }
      profile.write(to: &data)
      data.setDay("date", date)
      return data
    }
  }

  public struct AccountUpdated: EventPayload {
    public static let type = EventType.accountUpdated
    public var changes: AccountFields
    public var date: Day?

    public init(changes: AccountFields, date: Day?) {
      self.changes = changes
      self.date = date
    }

    public init(data: JSONObject) throws(DomainError) {
      self.init(changes: try AccountFields(data: data), date: try Fields(data: data).optionalDay("date"))
    }

    public var data: JSONObject {
      var data = JSONObject()
      changes.write(to: &data)
      data.setDay("date", date)
      return data
    }
  }

  public struct OwnerAssigned: EventPayload {
    public static let type = EventType.ownerAssigned
    /// Nil clears the owner.
    public var owner: String?
    public var date: Day?

    public init(owner: String?, date: Day?) {
      self.owner = owner
      self.date = date
    }

    public init(data: JSONObject) throws(DomainError) {
      let fields = Fields(data: data)
      self.init(owner: fields.optionalString("owner"), date: try fields.optionalDay("date"))
    }

    public var data: JSONObject {
      var data = JSONObject([("owner", owner.json)])
      data.setDay("date", date)
      return data
    }
  }

  public struct Handoff: EventPayload {
    public static let type = EventType.handoff
    public var owner: String?
    public var previous: String?
    public var note: String?
    public var date: Day?

    public init(owner: String?, previous: String?, note: String?, date: Day?) {
      self.owner = owner
      self.previous = previous
      self.note = note
      self.date = date
    }

    public init(data: JSONObject) throws(DomainError) {
      let fields = Fields(data: data)
      self.init(
        owner: fields.optionalString("owner"), previous: fields.optionalString("previous"),
        note: fields.optionalString("note"), date: try fields.optionalDay("date"))
    }

    public var data: JSONObject {
      var data = JSONObject([("owner", owner.json), ("previous", previous.json)])
      if let note { data["note"] = .string(note) }
      data.setDay("date", date)
      return data
    }
  }

  public struct StageChanged: EventPayload {
    public static let type = EventType.stageChanged
    public var stage: Stage
    public var previous: Stage?
    public var reason: String?
    public var date: Day?

    public init(stage: Stage, previous: Stage?, reason: String?, date: Day?) {
      self.stage = stage
      self.previous = previous
      self.reason = reason
      self.date = date
    }

    public init(data: JSONObject) throws(DomainError) {
      let fields = Fields(data: data)
      self.init(
        stage: try Fields.stage(try fields.string("stage")),
        previous: try fields.optionalString("previous").map { text throws(DomainError) in try Fields.stage(text) },
        reason: fields.optionalString("reason"), date: try fields.optionalDay("date"))
    }

    public var data: JSONObject {
      var data = JSONObject([("stage", .string(stage.rawValue))])
      if let previous { data["previous"] = .string(previous.rawValue) }
      if let reason { data["reason"] = .string(reason) }
      data.setDay("date", date)
      return data
    }
  }

  public struct ContactAdded: EventPayload {
    public static let type = EventType.contactAdded
    public var name: String
    public var role: String?
    public var email: String?
    public var isSponsor: Bool
    public var date: Day?

    public init(name: String, role: String?, email: String?, isSponsor: Bool, date: Day?) {
      self.name = name
      self.role = role
      self.email = email
      self.isSponsor = isSponsor
      self.date = date
    }

    public init(data: JSONObject) throws(DomainError) {
      let fields = Fields(data: data)
      self.init(
        name: try fields.string("name"), role: fields.optionalString("role"), email: fields.optionalString("email"),
        isSponsor: fields.bool("sponsor", default: false), date: try fields.optionalDay("date"))
    }

    public var data: JSONObject {
      var data = JSONObject([("name", .string(name))])
      if let role { data["role"] = .string(role) }
      if let email { data["email"] = .string(email) }
      data["sponsor"] = .bool(isSponsor)
      data.setDay("date", date)
      return data
    }
  }

  public struct TouchpointLogged: EventPayload {
    public static let type = EventType.touchpointLogged
    public var kind: TouchpointKind
    public var date: Day
    public var participants: [String]
    public var summary: String
    public var outcome: String?
    /// Nil: the kind's default.
    public var meaningful: Bool?
    /// The play this entry was made to close (`--closes`, or opened from the play on the due screen).
    public var closes: PlayCode?

    public init(
      kind: TouchpointKind, date: Day, participants: [String], summary: String, outcome: String?, meaningful: Bool?,
      closes: PlayCode? = nil
    ) {
      self.kind = kind
      self.date = date
      self.participants = participants
      self.summary = summary
      self.outcome = outcome
      self.meaningful = meaningful
      self.closes = closes
    }

    public init(data: JSONObject) throws(DomainError) {
      let fields = Fields(data: data)
      let kindText = try fields.string("kind")
      guard let kind = TouchpointKind.named(kindText) else {
        throw .invalidValue(field: "kind", value: kindText, expected: TouchpointKind.choices)
      }
      self.init(
        kind: kind, date: try fields.day("date"), participants: fields.strings("with"),
        summary: try fields.string("summary"), outcome: fields.optionalString("outcome"),
        meaningful: data[field: "meaningful"]?.boolValue, closes: try fields.optionalString("closes").map(Self.playCode)
      )
    }

    /// The play code an entry closes; a code this version does not know is refused.
    public static func playCode(_ text: String) throws(DomainError) -> PlayCode {
      guard let code = PlayCode(rawValue: text), PlayClosing(code).isTouchpoint else {
        throw .invalidValue(
          field: "closes", value: text,
          expected: PlayCode.allCases.filter { PlayClosing($0).isTouchpoint }.map(\.rawValue).joined(separator: ", "))
      }
      return code
    }

    public var data: JSONObject {
      var data = JSONObject([("kind", .string(kind.rawValue)), ("date", .string(date.description))])
      if !participants.isEmpty { data["with"] = .array(participants.map { .string($0) }) }
      data["summary"] = .string(summary)
      if let outcome { data["outcome"] = .string(outcome) }
      data["meaningful"] = .bool(meaningful ?? kind.isMeaningfulByDefault)
      if let closes { data["closes"] = .string(closes.rawValue) }
      return data
    }
  }

  public struct NPSRecorded: EventPayload {
    public static let type = EventType.npsRecorded
    public var score: Int
    public var contact: String?
    public var comment: String?
    public var date: Day

    public init(score: Int, contact: String?, comment: String?, date: Day) {
      self.score = score
      self.contact = contact
      self.comment = comment
      self.date = date
    }

    public init(data: JSONObject) throws(DomainError) {
      let fields = Fields(data: data)
      let score = try fields.int("score")
      guard (0...10).contains(score) else {
        throw .invalidValue(field: "score", value: String(score), expected: "0 to 10")
      }
      self.init(
        score: score, contact: fields.optionalString("contact"), comment: fields.optionalString("comment"),
        date: try fields.day("date"))
    }

    public var data: JSONObject {
      var data = JSONObject([("score", .number(Double(score)))])
      if let contact { data["contact"] = .string(contact) }
      if let comment { data["comment"] = .string(comment) }
      data["date"] = .string(date.description)
      return data
    }
  }

  public struct UsageRecorded: EventPayload {
    public static let type = EventType.usageRecorded
    public var value: Double
    public var date: Day

    public init(value: Double, date: Day) {
      self.value = value
      self.date = date
    }

    public init(data: JSONObject) throws(DomainError) {
      let fields = Fields(data: data)
      let value = try fields.number("value")
      guard value >= 0 else { throw .invalidValue(field: "value", value: String(value), expected: "a number ≥ 0") }
      self.init(value: value, date: try fields.day("date"))
    }

    public var data: JSONObject { JSONObject([("value", .number(value)), ("date", .string(date.description))]) }
  }

  public struct TicketOpened: EventPayload {
    public static let type = EventType.ticketOpened
    public var ticket: String
    public var severity: Severity
    public var date: Day

    public init(ticket: String, severity: Severity, date: Day) {
      self.ticket = ticket
      self.severity = severity
      self.date = date
    }

    public init(data: JSONObject) throws(DomainError) {
      let fields = Fields(data: data)
      let severityText = fields.optionalString("severity") ?? Severity.normal.rawValue
      guard let severity = Severity(rawValue: severityText) else {
        throw .invalidValue(field: "severity", value: severityText, expected: Severity.choices)
      }
      self.init(ticket: try fields.string("ticket"), severity: severity, date: try fields.day("date"))
    }

    public var data: JSONObject {
      JSONObject([
        ("ticket", .string(ticket)), ("severity", .string(severity.rawValue)), ("date", .string(date.description)),
      ])
    }
  }

  public struct TicketClosed: EventPayload {
    public static let type = EventType.ticketClosed
    public var ticket: String
    public var date: Day

    public init(ticket: String, date: Day) {
      self.ticket = ticket
      self.date = date
    }

    public init(data: JSONObject) throws(DomainError) {
      let fields = Fields(data: data)
      self.init(ticket: try fields.string("ticket"), date: try fields.day("date"))
    }

    public var data: JSONObject { JSONObject([("ticket", .string(ticket)), ("date", .string(date.description))]) }
  }

  public struct CriterionAdded: EventPayload {
    public static let type = EventType.criterionAdded
    public var number: Int
    public var text: String
    public var target: Day?
    public var date: Day?

    public init(number: Int, text: String, target: Day?, date: Day?) {
      self.number = number
      self.text = text
      self.target = target
      self.date = date
    }

    public init(data: JSONObject) throws(DomainError) {
      let fields = Fields(data: data)
      self.init(
        number: try fields.int("number"), text: try fields.string("text"), target: try fields.optionalDay("target"),
        date: try fields.optionalDay("date"))
    }

    public var data: JSONObject {
      var data = JSONObject([("number", .number(Double(number))), ("text", .string(text))])
      if let target { data["target"] = .string(target.description) }
      data.setDay("date", date)
      return data
    }
  }

  public struct CriterionMet: EventPayload {
    public static let type = EventType.criterionMet
    public var criterion: Int
    public var date: Day

    public init(criterion: Int, date: Day) {
      self.criterion = criterion
      self.date = date
    }

    public init(data: JSONObject) throws(DomainError) {
      let fields = Fields(data: data)
      self.init(criterion: try fields.int("criterion"), date: try fields.day("date"))
    }

    public var data: JSONObject {
      JSONObject([("criterion", .number(Double(criterion))), ("date", .string(date.description))])
    }
  }

  public struct ValueNoted: EventPayload {
    public static let type = EventType.valueNoted
    public var text: String
    public var date: Day

    public init(text: String, date: Day) {
      self.text = text
      self.date = date
    }

    public init(data: JSONObject) throws(DomainError) {
      let fields = Fields(data: data)
      self.init(text: try fields.string("text"), date: try fields.day("date"))
    }

    public var data: JSONObject { JSONObject([("text", .string(text)), ("date", .string(date.description))]) }
  }

  public struct QBRScheduled: EventPayload {
    public static let type = EventType.qbrScheduled
    /// The meeting's day.
    public var date: Day
    /// The day it was put on the calendar (the business date).
    public var on: Day?

    public init(date: Day, on: Day?) {
      self.date = date
      self.on = on
    }

    public init(data: JSONObject) throws(DomainError) {
      let fields = Fields(data: data)
      self.init(date: try fields.day("date"), on: try fields.optionalDay("on"))
    }

    public var data: JSONObject {
      var data = JSONObject([("date", .string(date.description))])
      data.setDay("on", on)
      return data
    }
  }

  public struct TaskCreated: EventPayload {
    public static let type = EventType.taskCreated
    public var text: String
    public var due: Day
    public var owner: String?
    /// The id of the touchpoint record it follows up, when it is a follow-up.
    public var follows: String?
    public var date: Day?
    /// The id of the open standup's `standup.started` record, when it is that standup's action item.
    public var standup: String?

    public init(text: String, due: Day, owner: String?, follows: String? = nil, date: Day?, standup: String? = nil) {
      self.text = text
      self.due = due
      self.owner = owner
      self.follows = follows
      self.date = date
      self.standup = standup
    }

    public init(data: JSONObject) throws(DomainError) {
      let fields = Fields(data: data)
      self.init(
        text: try fields.string("text"), due: try fields.day("due"), owner: fields.optionalString("owner"),
        follows: fields.optionalString("follows"), date: try fields.optionalDay("date"),
        standup: fields.optionalString("standup"))
    }

    public var data: JSONObject {
      var data = JSONObject([("text", .string(text)), ("due", .string(due.description))])
      if let owner { data["owner"] = .string(owner) }
      if let follows { data["follows"] = .string(follows) }
      data.setDay("date", date)
      if let standup { data["standup"] = .string(standup) }
      return data
    }
  }

  public struct TaskCompleted: EventPayload {
    public static let type = EventType.taskCompleted
    public var task: Int
    public var date: Day?

    public init(task: Int, date: Day?) {
      self.task = task
      self.date = date
    }

    public init(data: JSONObject) throws(DomainError) {
      let fields = Fields(data: data)
      self.init(task: try fields.int("task"), date: try fields.optionalDay("date"))
    }

    public var data: JSONObject {
      var data = JSONObject([("task", .number(Double(task)))])
      data.setDay("date", date)
      return data
    }
  }

  public struct EntryAmended: EventPayload {
    public static let type = EventType.entryAmended
    /// The sequence number of the corrected entry.
    public var target: Int
    /// The corrected fields, as the entry's own event writes them (null clears an optional one).
    public var changes: JSONObject
    public var date: Day?

    public init(target: Int, changes: JSONObject, date: Day?) {
      self.target = target
      self.changes = changes
      self.date = date
    }

    public init(data: JSONObject) throws(DomainError) {
      let fields = Fields(data: data)
      guard let changes = data["changes"]?.objectValue, !changes.isEmpty else { throw .nothingToChange }
      self.init(target: try fields.int("target"), changes: changes, date: try fields.optionalDay("date"))
    }

    public var data: JSONObject {
      var data = JSONObject([("target", .number(Double(target))), ("changes", .object(changes))])
      data.setDay("date", date)
      return data
    }
  }

  public struct EntryRetracted: EventPayload {
    public static let type = EventType.entryRetracted
    public var target: Int
    public var reason: String?
    public var date: Day?

    public init(target: Int, reason: String?, date: Day?) {
      self.target = target
      self.reason = reason
      self.date = date
    }

    public init(data: JSONObject) throws(DomainError) {
      let fields = Fields(data: data)
      self.init(
        target: try fields.int("target"), reason: fields.optionalString("reason"), date: try fields.optionalDay("date"))
    }

    public var data: JSONObject {
      var data = JSONObject([("target", .number(Double(target)))])
      if let reason { data["reason"] = .string(reason) }
      data.setDay("date", date)
      return data
    }
  }

  public struct ConfigSet: EventPayload {
    public static let type = EventType.configSet
    public var key: String
    public var value: Double
    /// The day it takes effect (the business date).
    public var from: Day?

    public init(key: String, value: Double, from: Day?) {
      self.key = key
      self.value = value
      self.from = from
    }

    public init(data: JSONObject) throws(DomainError) {
      let fields = Fields(data: data)
      let key = try fields.string("key")
      let value = try fields.number("value")
      var check = RulesConfig()
      try check.set(key, to: value)
      self.init(key: key, value: value, from: try fields.optionalDay("from"))
    }

    public var data: JSONObject {
      var data = JSONObject([("key", .string(key)), ("value", .number(value))])
      data.setDay("from", from)
      return data
    }
  }

  public struct StandupHeld: EventPayload {
    public static let type = EventType.standupHeld
    public var date: Day
    /// The owner whose accounts were reviewed; nil for the whole book.
    public var owner: String?
    public var discussed: [String]
    public var skipped: [String]
    /// Ids of the tasks added as action items.
    public var actions: [Int]
    /// The id of its `standup.started` record; nil in records written before standups were journaled as
    /// they went.
    public var started: String?
    /// The accounts on the agenda neither discussed nor skipped (`F` with cards left).
    public var notReached: [String]
    /// Each card's note, by account.
    public var notes: [String: String]

    public init(
      date: Day, owner: String?, discussed: [String], skipped: [String], actions: [Int], started: String? = nil,
      notReached: [String] = [], notes: [String: String] = [:]
    ) {
      self.date = date
      self.owner = owner
      self.discussed = discussed
      self.skipped = skipped
      self.actions = actions
      self.started = started
      self.notReached = notReached
      self.notes = notes
    }

    public init(data: JSONObject) throws(DomainError) {
      let fields = Fields(data: data)
      var notes: [String: String] = [:]
      for (slug, value) in data["notes"]?.objectValue?.pairs ?? [] {
        guard let text = value.stringValue else { throw .invalidValue(field: "notes", value: slug, expected: "text") }
        notes[slug] = text
      }
      self.init(
        date: try fields.day("date"), owner: fields.optionalString("owner"),
        discussed: try fields.list("discussed", of: "account ids") { $0.stringValue },
        skipped: try fields.list("skipped", of: "account ids") { $0.stringValue },
        actions: try fields.list("actions", of: "task numbers") { $0.intValue },
        started: fields.optionalString("started"),
        notReached: try fields.list("not_reached", of: "account ids") { $0.stringValue }, notes: notes)
    }

    public var data: JSONObject {
      var data = JSONObject([
        ("date", .string(date.description)), ("discussed", .array(discussed.map(JSONValue.string))),
        ("skipped", .array(skipped.map(JSONValue.string))), ("actions", .array(actions.map { .number(Double($0)) })),
      ])
      if let owner { data["owner"] = .string(owner) }
      if let started { data["started"] = .string(started) }
      if !notReached.isEmpty { data["not_reached"] = .array(notReached.map(JSONValue.string)) }
      if !notes.isEmpty {
        data["notes"] = .object(JSONObject(notes.sorted { $0.key < $1.key }.map { ($0.key, .string($0.value)) }))
      }
      return data
    }
  }
}

extension JSONObject {
  /// Sets `key` to `day` when there is one.
  mutating func setDay(_ key: String, _ day: Day?) {
    if let day { self[key] = .string(day.description) }
  }
}
