import RapportJournal

// The payloads of a standup's progress, written as it goes: `standup.started` (its agenda), each
// `standup.reviewed` card, `standup.agenda` when `A` shows every account or the default agenda again,
// then `standup.held` (in Event+Payloads.swift) naming the started one. The later events name the
// standup by the id of its `standup.started` record, so the start and a first step can be appended in
// one batch.

extension Event {
  public struct StandupStarted: EventPayload {
    public static let type = EventType.standupStarted
    public var date: Day
    /// The owner whose accounts are reviewed; nil for the whole book.
    public var owner: String?
    /// The accounts on the agenda, in order.
    public var agenda: [String]
    /// Whether the agenda is every account (`A`) rather than those that need the meeting.
    public var all: Bool

    public init(date: Day, owner: String?, agenda: [String], all: Bool) {
      self.date = date
      self.owner = owner
      self.agenda = agenda
      self.all = all
    }

    public init(data: JSONObject) throws(DomainError) {
      let fields = Fields(data: data)
      self.init(
        date: try fields.day("date"), owner: fields.optionalString("owner"),
        agenda: try fields.list("agenda", of: "account ids") { $0.stringValue }, all: fields.bool("all", default: false)
      )
    }

    public var data: JSONObject {
      var data = JSONObject([("date", .string(date.description)), ("agenda", .array(agenda.map(JSONValue.string)))])
      if let owner { data["owner"] = .string(owner) }
      if all { data["all"] = .bool(true) }
      return data
    }
  }

  /// A new agenda for an open standup: every account, or the default one again.
  public struct StandupAgendaChanged: EventPayload {
    public static let type = EventType.standupAgenda
    public var date: Day
    /// The id of the `standup.started` record.
    public var standup: String
    public var agenda: [String]
    public var all: Bool

    public init(date: Day, standup: String, agenda: [String], all: Bool) {
      self.date = date
      self.standup = standup
      self.agenda = agenda
      self.all = all
    }

    public init(data: JSONObject) throws(DomainError) {
      let fields = Fields(data: data)
      self.init(
        date: try fields.day("date"), standup: try fields.string("standup"),
        agenda: try fields.list("agenda", of: "account ids") { $0.stringValue }, all: fields.bool("all", default: false)
      )
    }

    public var data: JSONObject {
      JSONObject([
        ("date", .string(date.description)), ("standup", .string(standup)),
        ("agenda", .array(agenda.map(JSONValue.string))), ("all", .bool(all)),
      ])
    }
  }

  /// One card of an open standup: discussed or skipped, and/or a note on it.
  public struct StandupReviewed: EventPayload {
    public static let type = EventType.standupReviewed
    public var date: Day
    /// The id of the `standup.started` record.
    public var standup: String
    public var account: String
    /// Nil when the record only adds a note.
    public var outcome: StandupOutcome?
    /// The card's note (an empty one clears it); nil leaves the note as it was.
    public var note: String?

    public init(date: Day, standup: String, account: String, outcome: StandupOutcome?, note: String?) {
      self.date = date
      self.standup = standup
      self.account = account
      self.outcome = outcome
      self.note = note
    }

    public init(data: JSONObject) throws(DomainError) {
      let fields = Fields(data: data)
      var outcome: StandupOutcome?
      if let text = fields.optionalString("outcome") {
        guard let known = StandupOutcome(rawValue: text) else {
          throw .invalidValue(field: "outcome", value: text, expected: "discussed or skipped")
        }
        outcome = known
      }
      self.init(
        date: try fields.day("date"), standup: try fields.string("standup"), account: try fields.string("account"),
        outcome: outcome, note: fields.optionalString("note"))
    }

    public var data: JSONObject {
      var data = JSONObject([
        ("date", .string(date.description)), ("standup", .string(standup)), ("account", .string(account)),
      ])
      if let outcome { data["outcome"] = .string(outcome.rawValue) }
      if let note { data["note"] = .string(note) }
      return data
    }
  }
}

/// What a standup did with a card.
public enum StandupOutcome: String, Sendable, Equatable, CaseIterable {
  case discussed, skipped
}
