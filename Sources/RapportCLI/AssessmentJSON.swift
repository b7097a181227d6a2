import RapportDomain
import RapportJournal

/// The stable JSON of `board`, `why` and `due` (field names documented in the README).
enum AssessmentJSON {
  static func board(_ item: Assessment) -> JSONValue {
    let account = item.account
    return .object(
      JSONObject([
        ("account", .string(account.slug)), ("name", .string(account.name)), ("owner", account.owner.json),
        ("tier", .number(Double(account.tier))), ("stage", .string(account.stage.rawValue)),
        ("health", .string(item.health.health.rawValue)),
        ("score", item.health.score.map { .number(Double($0)) } ?? .null),
        ("trend", trend(item.trend)), ("alerts", .array(item.alerts.map { .string($0.rawValue) })),
        ("measures", .array(item.health.readings.map(measure))),
        ("weakest", item.health.weakest.map { .string($0.rawValue) } ?? .null),
        ("days_since_touch", item.daysSinceTouch.map { .number(Double($0)) } ?? .null),
        ("days_to_renewal", item.daysToRenewal.map { .number(Double($0)) } ?? .null),
      ]))
  }

  static func why(_ item: Assessment, today: Day) -> JSONValue {
    guard case .object(var object) = board(item) else { return .null }
    object["plays"] = .array(item.plays.map { play($0, today: today) })
    return .object(object)
  }

  static func measure(_ reading: MeasureReading) -> JSONValue {
    .object(
      JSONObject([
        ("name", .string(reading.measure.rawValue)), ("value", .string(reading.value)),
        ("raw", reading.rawValue.map { .number($0) } ?? .null),
        ("score", reading.score.map { .number(Double($0)) } ?? .null),
        ("weight", .number(reading.weight)),
      ]))
  }

  static func trend(_ trend: Trend) -> JSONValue {
    .object(
      JSONObject([
        ("since", .string(trend.since.description)),
        ("previous", trend.previousScore.map { .number(Double($0)) } ?? .null),
        ("change", trend.change.map { .number(Double($0)) } ?? .null), ("direction", .string(trend.direction.rawValue)),
        ("source", .string(trend.source.rawValue)), ("reason", .string(trend.reason)),
      ]))
  }

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
