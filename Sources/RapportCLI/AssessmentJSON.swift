import RapportDomain
import RapportJournal

/// The stable JSON of `board`, `why` and `due` (field names documented in the README), written
/// straight to bytes: `board --format json` writes 5,000 of these at once.
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

  /// The plays as an array.
  static func plays(_ plays: [Play], today: Day, into json: inout JSONStream) {
    json.beginArray()
    for play in plays { json.value(self.play(play, today: today)) }
    json.endArray()
  }

  private static func boardFields(_ item: Assessment, into json: inout JSONStream) {
    let account = item.account
    json.key("account")
    json.string(account.slug)
    json.key("name")
    json.string(account.name)
    json.key("owner")
    json.string(account.owner)
    json.key("tier")
    json.integer(account.tier)
    json.key("stage")
    json.string(account.stage.rawValue)
    json.key("health")
    json.string(item.health.health.rawValue)
    json.key("score")
    json.integer(item.health.score)
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
    json.key("weakest")
    json.string(item.health.weakest?.rawValue)
    json.key("days_since_touch")
    json.integer(item.daysSinceTouch)
    json.key("days_to_renewal")
    json.integer(item.daysToRenewal)
  }

  private static func measure(_ reading: MeasureReading, into json: inout JSONStream) {
    json.beginObject()
    json.key("name")
    json.string(reading.measure.rawValue)
    json.key("value")
    json.string(reading.value)
    json.key("raw")
    json.number(reading.rawValue)
    json.key("score")
    json.integer(reading.score)
    json.key("weight")
    json.number(reading.weight)
    json.endObject()
  }

  private static func trend(_ trend: Trend, into json: inout JSONStream) {
    json.beginObject()
    json.key("since")
    json.string(trend.since.description)
    json.key("previous")
    json.integer(trend.previousScore)
    json.key("change")
    json.integer(trend.change)
    json.key("direction")
    json.string(trend.direction.rawValue)
    json.key("source")
    json.string(trend.source.rawValue)
    json.key("reason")
    json.string(trend.reason)
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
      ]))
  }
}
