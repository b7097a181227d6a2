import RapportDomain
import RapportExchange

/// The board as CSV, the same for `board --format csv` and `export board`.
enum BoardCSV {
  static func text(_ rows: [Assessment]) -> String {
    var text = CSVWriter.line([
      "account", "name", "owner", "tier", "stage", "health", "score", "trend", "alerts", "weakest",
      "days_since_touch", "days_to_renewal", "measures_with_data", "thin_data",
    ])
    for row in rows {
      text += CSVWriter.line([
        row.account.slug, row.account.name, row.account.owner ?? "", String(row.account.tier),
        row.account.stage.rawValue, row.health.health.rawValue, row.health.score.map(String.init) ?? "",
        row.trend.change.map(String.init) ?? "", row.alerts.map(\.rawValue).joined(separator: " "),
        row.health.weakest?.rawValue ?? "", row.daysSinceTouch.map(String.init) ?? "",
        row.daysToRenewal.map(String.init) ?? "", String(row.health.measuresWithData), String(row.health.isThin),
      ])
    }
    return text
  }
}
