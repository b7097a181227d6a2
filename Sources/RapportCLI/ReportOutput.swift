import RapportDomain
import RapportExchange
import RapportJournal
import RapportText

/// The three shapes of a report. JSON and CSV carry values rounded to 2 decimals; text rounds for reading.
enum ReportOutput {
  static func json(_ report: MetricsReport) -> JSONValue {
    .object(
      JSONObject([
        ("period", .string(report.kind.rawValue)), ("today", .string(report.today.description)),
        ("by", report.grouping.map { .string($0.rawValue) } ?? .null),
        ("periods", .array(report.periods.map { .string($0.label) })),
        (
          "groups",
          .array(
            report.groups.map { group in
              .object(
                JSONObject([
                  ("group", .string(group.name)), ("accounts", .number(Double(group.accounts))),
                  ("metrics", .array(group.rows.map { metricJSON($0, report.periods) })),
                ]))
            })
        ),
        ("churn", .array(zip(report.periods, report.churn).flatMap(churnJSON))),
      ]))
  }

  private static func churnJSON(_ period: ReportPeriod, _ reasons: [ChurnReason]) -> [JSONValue] {
    reasons.map { reason in
      .object(
        JSONObject([
          ("period", .string(period.label)), ("reason", reason.reason.map(JSONValue.string) ?? .null),
          ("accounts", .array(reason.accounts.map(JSONValue.string))), ("value", .number(rounded(reason.value))),
        ]))
    }
  }

  /// "Churn by reason": a line per period and reason, or a line saying there was none.
  private static func churnText(_ report: MetricsReport) -> String {
    var text = "\nChurn by reason\n"
    var any = false
    for (period, reasons) in zip(report.periods, report.churn) {
      for reason in reasons {
        any = true
        let clients = "\(reason.accounts.count) client" + (reason.accounts.count == 1 ? "" : "s")
        text +=
          "- \(period.label): \(TerminalText.sanitised(reason.reason ?? "(no reason given)")) — \(clients), "
          + "\(money(reason.value)) (\(reason.accounts.joined(separator: ", ")))\n"
      }
    }
    return any ? text : text + "- no client churned in these periods\n"
  }

  private static func metricJSON(_ row: MetricsReport.Row, _ periods: [ReportPeriod]) -> JSONValue {
    .object(
      JSONObject([
        ("metric", .string(row.metric.rawValue)), ("unit", .string(row.metric.unit.rawValue)),
        ("basis_of", .string(row.metric.basis.rawValue)),
        (
          "values",
          .array(
            zip(periods, row.values).map { period, value in
              .object(
                JSONObject(
                  [
                    ("period", .string(period.label)), ("value", value.value.map { .number(rounded($0)) } ?? .null),
                    ("basis", .number(Double(value.basis))),
                  ] + band(row.metric, value)))
            })
        ),
      ]))
  }

  /// NPS values also carry their band (`poor`, `fair`, `good`, `excellent`; null for no data).
  private static func band(_ metric: Metric, _ value: MetricValue) -> [(String, JSONValue)] {
    guard metric == .nps else { return [] }
    return [("band", NPSBand(value).map { .string($0.rawValue) } ?? .null)]
  }

  /// One line per group × metric × period, after a header; "no data" is an empty value.
  static func csv(_ report: MetricsReport) -> String {
    var text = CSVWriter.line(["group", "metric", "period", "value", "basis"])
    for group in report.groups {
      for row in group.rows {
        for (period, value) in zip(report.periods, row.values) {
          text += CSVWriter.line([
            group.name, row.metric.rawValue, period.label,
            value.value.map { JSONWriter.string(of: .number(rounded($0))) } ?? "", String(value.basis),
          ])
        }
      }
    }
    return text
  }

  /// A table per group: one row per metric, one column per period.
  static func text(_ report: MetricsReport) -> String {
    var text = ""
    if let last = report.periods.last, last.last > report.today {
      text += "Metrics by \(report.kind.rawValue); \(last.label) so far, to \(report.today).\n"
    } else {
      text += "Metrics by \(report.kind.rawValue).\n"
    }
    for (index, group) in report.groups.enumerated() {
      text += "\n" + heading(group, isWholeBook: index == 0, report.grouping) + "\n"
      var table = Table(
        headers: ["METRIC"] + report.periods.map(\.label), rightAligned: Set(1...max(1, report.periods.count)))
      for row in group.rows {
        table.append([label(row.metric)] + row.values.map { cell($0, row.metric) })
        if row.metric == .nps {
          table.append(["  NPS band"] + row.values.map { NPSBand($0)?.rawValue ?? "no data" })
        }
      }
      text += table.rendered()
    }
    text += churnText(report)
    text += "\nn: what a figure rests on (NPS: responses; QBRs, cadence: due; else accounts).\n"
    text += "NPS band: above 50 excellent, above 30 good, 0 to 30 fair, below 0 poor.\n"
    text += "The formulas: rapport report --help, and docs/rules.md (Metrics).\n"
    return text
  }

  /// The whole book's group is always first (an owner may be called "all" too).
  private static func heading(_ group: MetricsReport.Group, isWholeBook: Bool, _ grouping: MetricGrouping?) -> String {
    let accounts = "\(group.accounts) account" + (group.accounts == 1 ? "" : "s")
    if isWholeBook { return "All accounts (\(accounts))" }
    if group.name == MetricsReport.noOwnerGroup { return "NO OWNER (\(accounts))" }
    switch grouping {
    case .owner: return "Owner \(group.name) (\(accounts))"
    case .tier: return "Tier \(group.name.dropFirst("tier ".count)) (\(accounts))"
    case nil: return "\(group.name) (\(accounts))"
    }
  }

  /// A metric's name in at most 16 columns, so that four periods fit in 80.
  static func label(_ metric: Metric) -> String {
    switch metric {
    case .nps: return "NPS"
    case .retention: return "Retention"
    case .nrr: return "NRR (net)"
    case .grr: return "GRR (gross)"
    case .expansion: return "Expansion"
    case .contraction: return "Contraction"
    case .qbrCompletion: return "QBRs on time"
    case .cadenceCompletion: return "Cadence on time"
    case .timeToFirstValue: return "Time to value"
    case .ticketsPerClient: return "Tickets/client"
    case .touchpoints: return "Touches/account"
    case .valueGrowth: return "Avg value growth"
    }
  }

  /// `+12 (n=34)`, `92% (n=40)`, `12.5k (n=3)`, `23d (n=2)`, `0.42 (n=12)`, or `no data`.
  static func cell(_ figure: MetricValue, _ metric: Metric) -> String {
    guard let value = figure.value else { return "no data" }
    let basis = figure.basis >= 10_000 ? fixed(Double(figure.basis) / 1_000, decimals: 0) + "k" : String(figure.basis)
    return number(value, metric) + " (n=\(basis))"
  }

  static func number(_ value: Double, _ metric: Metric) -> String {
    switch metric.unit {
    case .score: return signed(fixed(value, decimals: 0))
    case .percent:
      let text = fixed(value, decimals: 0) + "%"
      return metric == .valueGrowth ? signed(text) : text
    case .money: return money(value)
    case .days: return fixed(value, decimals: 0) + "d"
    case .ratio: return fixed(value, decimals: 2)
    }
  }

  private static func signed(_ text: String) -> String {
    text.hasPrefix("-") || text.hasPrefix("0") ? text : "+" + text
  }

  /// `9500`, `12.5k`, `125k`, `1.2m`.
  static func money(_ value: Double) -> String {
    let magnitude = abs(value)
    if magnitude >= 999_500 { return trimmed(fixed(value / 1_000_000, decimals: 1)) + "m" }
    if magnitude >= 99_950 { return fixed(value / 1_000, decimals: 0) + "k" }
    if magnitude >= 10_000 { return trimmed(fixed(value / 1_000, decimals: 1)) + "k" }
    return fixed(value, decimals: 0)
  }

  private static func trimmed(_ text: String) -> String { text.hasSuffix(".0") ? String(text.dropLast(2)) : text }

  /// `value` with exactly `decimals` decimals (half away from zero), without Foundation; never `-0`.
  static func fixed(_ value: Double, decimals: Int) -> String {
    var scale = 1.0
    for _ in 0..<decimals { scale *= 10 }
    guard value.isFinite, abs(value) * scale < 9e18 else { return value.isFinite ? String(value) : "–" }
    let units = Int64((abs(value) * scale).rounded())
    let scaleInt = Int64(scale)
    var text = String(units / scaleInt)
    if decimals > 0 {
      let fraction = String(units % scaleInt)
      text += "." + String(repeating: "0", count: decimals - fraction.count) + fraction
    }
    return value < 0 && units != 0 ? "-" + text : text
  }

  /// To 2 decimals, for JSON and CSV.
  static func rounded(_ value: Double) -> Double { (value * 100).rounded() / 100 }
}
