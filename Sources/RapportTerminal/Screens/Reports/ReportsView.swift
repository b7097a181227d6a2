import RapportDomain
import RapportText

/// The metrics over the last four quarters, each with a sparkline; NPS with its number of responses and
/// its band.
enum ReportsView {
  static let bars: [Character] = ["▁", "▂", "▃", "▄", "▅", "▆", "▇", "█"]

  /// One bar per value, scaled between the smallest and largest; a space for "no data".
  static func sparkline(_ values: [Double?]) -> String {
    let known = values.compactMap { $0 }
    guard let low = known.min(), let high = known.max() else { return String(repeating: " ", count: values.count) }
    return String(
      values.map { value -> Character in
        guard let value else { return " " }
        if high == low { return bars[3] }
        let level = Int(((value - low) / (high - low) * 7).rounded())
        return bars[max(0, min(7, level))]
      })
  }

  static func format(_ value: MetricValue, _ unit: MetricUnit) -> String {
    guard let number = value.value, number.isFinite else { return "no data" }
    switch unit {
    case .score: return String(Int(number.rounded()))
    case .percent: return String(Int(number.rounded())) + "%"
    case .money: return Money(units: number).description
    case .days: return String(Int(number.rounded())) + "d"
    case .ratio:
      let hundredths = Int((number * 100).rounded())
      let fraction = abs(hundredths % 100)
      return String(hundredths / 100) + "." + (fraction < 10 ? "0" : "") + String(fraction)
    }
  }

  /// A metric's cell: NPS says how many responses it rests on (`+45 n=12`).
  static func cell(_ value: MetricValue, _ metric: Metric) -> String {
    let text = format(value, metric.unit)
    guard metric == .nps, let number = value.value, number.isFinite else { return text }
    return (number.rounded() > 0 ? "+" : "") + text + " n=" + String(value.basis)
  }

  static func draw(_ state: PageState, _ env: ScreenEnvironment, in body: Rect, into canvas: inout Canvas) {
    guard let report = env.report else {
      canvas.draw(
        "Computing the metrics of \(env.projection.rows.count) accounts…", row: body.row + 1,
        column: body.column + 2, width: body.width - 2, style: env.theme[.dim])
      return
    }
    let heading: Line = [
      Segment("Reports", .header),
      Segment("  by quarter, last \(report.periods.count), all \(report.groups.first?.accounts ?? 0) accounts", .dim),
    ]
    Page.draw(
      heading: heading, lines: lines(report, rows: env.projection.rows, today: env.today),
      scroll: state.page.scroll, in: body, theme: env.theme, into: &canvas)
  }

  /// The page: the metrics by period, then the renewal forecast of `rows`.
  static func lines(_ report: MetricsReport, rows: [Assessment], today: Day) -> [Line] {
    let valueWidth = 12
    var header: Line = [Segment(Cells.fit("METRIC", 27), .header)]
    for period in report.periods { header.append(Segment(Cells.fit(period.label, valueWidth, right: true), .header)) }
    header.append(Segment("  TREND", .header))
    var lines: [Line] = [header]
    if let all = report.groups.first {
      for row in all.rows {
        var line: Line = [Segment(Cells.fit(row.metric.title, 27))]
        for value in row.values {
          line.append(
            Segment(
              Cells.fit(cell(value, row.metric), valueWidth, right: true), value.value == nil ? .dim : .normal))
        }
        line.append(Segment("  " + sparkline(row.values.map(\.value)), .key))
        lines.append(line)
        if row.metric == .nps {
          var band: Line = [Segment(Cells.fit("  band (>30 good, >50 exc.)", 27), .dim)]
          for value in row.values {
            let name = NPSBand(value)?.rawValue
            band.append(Segment(Cells.fit(name ?? "no data", valueWidth, right: true), name == nil ? .dim : .normal))
          }
          lines.append(band)
        }
      }
    }
    lines += forecastLines(RenewalForecast(board: rows, today: today, days: 90))
    return lines
  }
}

extension ReportsView {
  /// The renewal forecast under the metrics: the next 90 days per health colour, the value at risk, and
  /// the renewals overdue for an outcome, each by name.
  static func forecastLines(_ forecast: RenewalForecast) -> [Line] {
    let totals = forecast.totals
    var lines: [Line] = [
      [],
      [
        Segment("Renewals, next \(forecast.days) days", .header),
        Segment("  \(totals.count), value \(totals.value)", .normal),
      ],
    ]
    var bands: Line = [Segment("  ")]
    for health in [Health.red, .yellow, .green, .unknown] {
      let band = totals.byHealth[health] ?? (0, Money(cents: 0))
      bands.append(Segment("\(health.letter) \(band.count) (\(band.value))  ", Theme.role(of: health)))
    }
    lines.append(bands)
    lines.append([Segment("  value at risk (red and yellow): ", .dim), Segment("\(totals.valueAtRisk)", .overdue)])
    lines.append([
      Segment("  overdue, no outcome recorded: ", .dim),
      Segment("\(forecast.overdue.count), value \(forecast.overdueValue)", forecast.overdue.isEmpty ? .dim : .overdue),
    ])
    for renewal in forecast.overdue.prefix(10) {
      lines.append([
        Segment("    \(renewal.date)  \(renewal.name)  \(renewal.owner ?? "NO OWNER")  \(renewal.value)", .overdue)
      ])
    }
    return lines
  }
}
