import ArgumentParser
import RapportDomain
import RapportExchange
import RapportJournal
import RapportText

/// `rapport report`: the metrics over the last four months, quarters or years, for the whole book and, if
/// asked, per owner or per tier.
struct ReportCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "report",
    abstract:
      "Metrics over the last four periods: NPS, retention, revenue, QBRs, cadence, onboarding, tickets, touchpoints.",
    discussion: """
      The last period is the one containing today, counted to today. Each figure says what it rests on \
      (n: responses for NPS, QBRs due, check-ins due, else accounts) and is "no data" (JSON null, an empty \
      CSV value) when it rests on none. A client is an account that has started (signature date, else \
      creation) and is not churned; "at start" is the end of the day before the period. No check-in or \
      QBR falls due before the account was entered. Every definition: docs/rules.md, "Metrics".

        nps                  % promoters (9-10) - % detractors (0-6), with n and
                             band: >50 excellent, >30 good, 0-30 fair, <0 poor
        retention            (clients at end - new clients) / clients at start
        nrr                  clients at start: value at end (0 if gone) / at start
        grr                  like nrr, each value capped at its start (max 100)
        expansion            sum of value increases of clients at start and end
        contraction          sum of value decreases of clients at start and end
        qbr-completion       QBRs held by due + 7 days / QBRs due every 91 days
                             (tiers 1 and 2; scheduled or not)
        cadence-completion   check-ins done by their due date / check-ins due
        time-to-first-value  mean days from start to first criterion met
        tickets-per-client   tickets opened / clients at end
        touchpoints          meaningful touchpoints / clients in the period
        value-growth         contract value at end vs at start, in %, of the
                             clients present at both ends only
      """)
  @OptionGroup var globals: GlobalOptions
  @Option(help: "How long each period is.") var period: PeriodKind = .quarter
  @Option(help: "Also break the figures down by owner or by tier.") var by: MetricGrouping?
  @Option(help: "text, json or csv.") var format: TableFormat = .text

  func run() throws {
    try Session.run(globals) { session in
      let desk = try session.openDesk()
      let report = MetricsReport(book: desk.book, today: session.today, period: period, by: by)
      switch format {
      case .json: Output.json(ReportOutput.json(report))
      case .csv: Output.text(ReportOutput.csv(report))
      case .text: Output.text(ReportOutput.text(report))
      }
      // Kept until the process exits (see `Session.run`).
      return desk
    }
  }
}

extension PeriodKind: ExpressibleByArgument {}
extension MetricGrouping: ExpressibleByArgument {}
