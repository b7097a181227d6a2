import ArgumentParser
import RapportDomain
import RapportJournal
import RapportText

struct WhyCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "why", abstract: "The full health breakdown of one account: each measure, trend, alerts and plays.")
  @OptionGroup var globals: GlobalOptions
  @Argument(help: "The account's id.", completion: .accountIDs) var slug: String
  @Option(help: "text or json.") var format: OutputFormat = .text

  func run() throws {
    try Session.run(globals) { session in
      let desk = try session.openDesk()
      let item = Assessor(book: desk.book, today: session.today).assess(try desk.book.account(slug))
      switch format {
      case .json: Output.json(AssessmentJSON.why(item, today: session.today))
      case .text: Output.text(text(item, today: session.today))
      }
      // Kept until the process exits (see `Session.run`).
      return desk
    }
  }

  private func text(_ item: Assessment, today: Day) -> String {
    let health = item.health
    var lines = [
      TerminalText.sanitised(
        "\(item.account.name) (\(item.account.slug)), owner \(item.account.owner ?? "NO OWNER"), tier \(item.account.tier)"
      )
    ]
    lines.append(
      "health: \(health.health.rawValue.uppercased())" + (health.score.map { " \($0)/100" } ?? " (no data)")
        + (health.thinDataNote.map {
          ", \($0) (green needs the touch measure and \(HealthModel.evidenceNeeded) measures with data)"
        } ?? "")
        + (health.weakest.map { ", pulled down most by \($0.label)" } ?? ""))
    var table = Table(headers: ["MEASURE", "VALUE", "SCORE", "WEIGHT"], rightAligned: [2, 3])
    table.maximumColumnWidth = 64
    for reading in health.readings {
      table.append([
        reading.measure.label, reading.value, reading.score.map(String.init) ?? "–", RulesConfig.format(reading.weight),
      ])
    }
    lines.append(table.rendered().trimmingTrailingNewline())
    let trend = item.trend
    lines.append(
      "trend since \(trend.since): \(trend.arrow) "
        + (trend.previousScore.map { "\($0) → \(health.score.map(String.init) ?? "–")" } ?? "")
        + " (\(trend.source.rawValue): \(trend.reason))")
    lines.append(
      "alerts: "
        + (item.alerts.isEmpty ? "none" : item.alerts.map { "\($0.rawValue) (\($0.label))" }.joined(separator: ", ")))
    if !item.plays.isEmpty {
      lines.append("plays:")
      for play in item.plays {
        let state = play.isOverdue(on: today) ? "OVERDUE \(play.daysLate(on: today))d" : "due \(play.due)"
        lines.append(
          TerminalText.sanitised(
            "  \(play.code.rawValue): \(play.title) — \(state)" + (play.owner.map { ", \($0)" } ?? "")))
        lines.append(TerminalText.sanitised("      closed by \(play.evidence)"))
      }
    }
    return lines.joined(separator: "\n") + "\n"
  }
}

extension String {
  func trimmingTrailingNewline() -> String { hasSuffix("\n") ? String(dropLast()) : self }
}
