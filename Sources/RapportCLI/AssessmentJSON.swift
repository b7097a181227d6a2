import RapportDomain
import RapportJournal

/// The stable JSON of `board`, `why` and `due` (field names documented in docs/cli.md), written
/// straight to bytes: `board --format json` writes one per account, thousands at once.
enum AssessmentJSON {
  static func board(_ item: Assessment, into json: inout JSONStream) {
    json.beginObject()
    boardFields(item, into: &json)
    json.endObject()
  }

  static func why(_ item: Assessment, today: Day) -> [UInt8] {
    var json = JSONStream()
    json.beginObject()
    boardFields(item, into: &json)
    json.key("plays")
    plays(item.plays, today: today, into: &json)
    json.endObject()
    return json.bytes
  }

  /// `standup --format json`: the agenda, each card an account's board fields with why it is on the
  /// agenda, what changed since the last standup and its plays.
  static func standup(_ agenda: StandupAgenda) -> [UInt8] {
    var json = JSONStream()
    json.beginObject()
    json.field("today", agenda.today.description)
    json.field("since", agenda.since.description)
    json.field("previous", agenda.previous?.day.description)
    json.field("owner", agenda.owner)
    json.key("items")
    json.beginArray()
    for item in agenda.items {
      json.beginObject()
      boardFields(item.assessment, into: &json)
      json.key("reasons")
      json.beginArray()
      for reason in item.reasons { json.string(reason.rawValue) }
      json.endArray()
      json.key("changes")
      json.beginArray()
      for change in item.changes { json.string(change) }
      json.endArray()
      json.key("plays")
      plays(item.assessment.plays, today: agenda.today, into: &json)
      json.endObject()
    }
    json.endArray()
    json.endObject()
    return json.bytes
  }

  /// The plays as an array.
  static func plays(_ plays: [Play], today: Day, into json: inout JSONStream) {
    json.beginArray()
    for play in plays { json.value(self.play(play, today: today)) }
    json.endArray()
  }

  private static func boardFields(_ item: Assessment, into json: inout JSONStream) {
    let account = item.account
    json.field("account", account.slug)
    json.field("name", account.name)
    json.field("owner", account.owner)
    json.field("tier", account.tier)
    json.field("stage", account.stage.rawValue)
    json.field("renewal", account.renewal?.description)
    json.field("value", account.value?.units)
    json.field("health", item.health.health.rawValue)
    json.field("score", item.health.score)
    json.key("trend")
    trend(item.trend, into: &json)
    json.key("alerts")
    json.beginArray()
    for alert in item.alerts { json.string(alert.rawValue) }
    json.endArray()
    json.key("measures")
    json.beginArray()
    for reading in item.health.readings { measure(reading, into: &json) }
    json.endArray()
    json.field("weakest", item.health.weakest?.rawValue)
    json.field("days_since_touch", item.daysSinceTouch)
    json.field("days_to_renewal", item.daysToRenewal)
    json.field("measures_with_data", item.health.measuresWithData)
    json.key("thin_data")
    json.bool(item.health.isThin)
    json.field("thin_data_note", item.health.thinDataNote)
  }

  private static func measure(_ reading: MeasureReading, into json: inout JSONStream) {
    json.beginObject()
    json.field("name", reading.measure.rawValue)
    json.field("value", reading.value)
    json.field("raw", reading.rawValue)
    json.field("score", reading.score)
    json.field("weight", reading.weight)
    json.endObject()
  }

  private static func trend(_ trend: Trend, into json: inout JSONStream) {
    json.beginObject()
    json.field("since", trend.since.description)
    json.field("previous", trend.previousScore)
    json.field("change", trend.change)
    json.field("direction", trend.direction.rawValue)
    json.field("source", trend.source.rawValue)
    json.field("reason", trend.reason)
    json.endObject()
  }

  /// A play as a value (also a row of `export due`).
  static func play(_ play: Play, today: Day) -> JSONValue {
    .object(
      JSONObject([
        ("account", .string(play.account)), ("play", .string(play.code.rawValue)), ("title", .string(play.title)),
        ("owner", play.owner.json), ("due", .string(play.due.description)),
        ("overdue", .bool(play.isOverdue(on: today))),
        ("days_late", .number(Double(play.daysLate(on: today)))),
        ("task", play.taskID.map { .number(Double($0)) } ?? .null),
        ("managed_by", play.managedBy.json), ("closed_by", .string(play.evidence)),
      ]))
  }
}
