import ArgumentParser
import RapportDomain
import RapportJournal
import RapportText

/// `rapport forecast`: the renewals ahead, their value per health colour, the value at risk, and the
/// renewals whose date passed with no outcome.
struct ForecastCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "forecast", abstract: "Renewals ahead: count and value per health colour, value at risk, overdue.")
  @OptionGroup var globals: GlobalOptions
  @Option(help: ArgumentHelp("The window, in days from today.", valueName: "days")) var days: Int = 90
  @Option(help: ArgumentHelp("Also split by owner or tier.", valueName: "owner|tier")) var by: String?
  @Option(help: "text or json.") var format: OutputFormat = .text

  func run() throws {
    try Session.run(globals) { session in
      guard (1...3650).contains(days) else {
        throw DomainError.invalidValue(field: "--days", value: String(days), expected: "1 to 3650 days")
      }
      let grouping = try by.map { text throws(DomainError) -> RenewalForecast.Grouping in
        guard let grouping = RenewalForecast.Grouping(rawValue: text) else {
          throw .invalidValue(field: "--by", value: text, expected: "owner or tier")
        }
        return grouping
      }
      let desk = try session.openDesk()
      let board = Assessor(book: desk.book, today: session.today).board()
      let forecast = RenewalForecast(board: board, today: session.today, days: days, by: grouping)
      switch format {
      case .json: Output.json(Self.json(forecast))
      case .text: Output.text(Self.text(forecast))
      }
      // Kept until the process exits (see `Session.run`).
      return desk
    }
  }

  static func text(_ forecast: RenewalForecast) -> String {
    var lines: [String] = []
    let totals = forecast.totals
    lines.append(
      "Renewals \(forecast.today) to \(forecast.today.adding(days: forecast.days)): \(totals.count), value \(totals.value)"
    )
    for health in [Health.red, .yellow, .green, .unknown] {
      let band = totals.byHealth[health] ?? (0, Money(cents: 0))
      lines.append("  \(health.rawValue.padding(7))\(String(band.count).padding(5))\(band.value)")
    }
    lines.append("Value at risk (red and yellow): \(totals.valueAtRisk)")
    for (key, group) in forecast.groups {
      lines.append("  \(key): \(group.count) renewals, value \(group.value), at risk \(group.valueAtRisk)")
    }
    var table = Table(headers: ["RENEWS", "", "SCORE", "ACCOUNT", "OWNER", "T", "VALUE"], rightAligned: [2, 6])
    for renewal in forecast.upcoming { table.append(row(renewal)) }
    if !forecast.upcoming.isEmpty { lines.append(table.rendered().trimmingTrailingNewline()) }
    lines.append(
      "Overdue (date passed, no outcome recorded): \(forecast.overdue.count), value \(forecast.overdueValue)")
    if !forecast.overdue.isEmpty {
      var overdue = Table(headers: ["RENEWED", "", "SCORE", "ACCOUNT", "OWNER", "T", "VALUE"], rightAligned: [2, 6])
      for renewal in forecast.overdue { overdue.append(row(renewal)) }
      lines.append(overdue.rendered().trimmingTrailingNewline())
      lines.append("Record each outcome: rapport renewal SLUG renewed|expanded|downsized|churned")
    }
    return lines.joined(separator: "\n") + "\n"
  }

  private static func row(_ renewal: RenewalForecast.Renewal) -> [String] {
    [
      renewal.date.description, renewal.health.letter, renewal.score.map(String.init) ?? "–", renewal.name,
      renewal.owner ?? "NO OWNER", String(renewal.tier), renewal.value.description,
    ]
  }

  static func json(_ forecast: RenewalForecast) -> JSONValue {
    func totals(_ totals: RenewalForecast.Totals) -> JSONValue {
      .object(
        JSONObject([
          ("count", .number(Double(totals.count))), ("value", .number(totals.value.units)),
          ("value_at_risk", .number(totals.valueAtRisk.units)),
          (
            "by_health",
            .object(
              JSONObject(
                Health.allCases.map { health in
                  let band = totals.byHealth[health] ?? (0, Money(cents: 0))
                  return (
                    health.rawValue,
                    .object(JSONObject([("count", .number(Double(band.count))), ("value", .number(band.value.units))]))
                  )
                }))
          ),
        ]))
    }
    func renewal(_ item: RenewalForecast.Renewal) -> JSONValue {
      .object(
        JSONObject([
          ("account", .string(item.account)), ("name", .string(item.name)), ("owner", item.owner.json),
          ("tier", .number(Double(item.tier))), ("renewal", .string(item.date.description)),
          ("health", .string(item.health.rawValue)), ("score", item.score.map { .number(Double($0)) } ?? .null),
          ("value", .number(item.value.units)),
        ]))
    }
    return .object(
      JSONObject([
        ("today", .string(forecast.today.description)), ("days", .number(Double(forecast.days))),
        ("totals", totals(forecast.totals)), ("upcoming", .array(forecast.upcoming.map(renewal))),
        ("overdue", .array(forecast.overdue.map(renewal))), ("overdue_value", .number(forecast.overdueValue.units)),
        (
          "groups",
          .array(
            forecast.groups.map { group in
              .object(JSONObject([("key", .string(group.key)), ("totals", totals(group.totals))]))
            })
        ),
      ]))
  }
}

extension String {
  fileprivate func padding(_ width: Int) -> String {
    count >= width ? self + " " : self + String(repeating: " ", count: width - count)
  }
}
