import ArgumentParser
import RapportDomain
import RapportJournal
import RapportText

struct BoardCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "board", abstract: "Every account's health, worst first, with trend, alerts and reasons.")
  @OptionGroup var globals: GlobalOptions
  @Option(help: ArgumentHelp("Only this owner's accounts.", valueName: "user"), completion: .owners) var owner: String?
  @Option(help: ArgumentHelp("Only this tier (1, 2 or 3).", valueName: "n")) var tier: Int?
  @Option(help: ArgumentHelp("Only this colour: red, yellow, green or unknown.", valueName: "color")) var color: String?
  @Option(help: "text, json or csv.") var format: TableFormat = .text

  func run() throws {
    try Session.run(globals) { session in
      var wanted: Health?
      if let color {
        guard let health = Health(rawValue: color.lowercased()) else {
          throw DomainError.invalidValue(field: "--color", value: color, expected: "red, yellow, green or unknown")
        }
        wanted = health
      }
      if let tier, !(1...3).contains(tier) {
        throw DomainError.invalidValue(field: "--tier", value: String(tier), expected: "1, 2 or 3")
      }
      let desk = try session.openDesk()
      let board = Assessor(book: desk.book, today: session.today).board()
      // Without a filter the board is printed as it is (filtering copies every assessment).
      let filtered = owner != nil || tier != nil || wanted != nil
      print(
        filtered
          ? board.filter { item in
            (owner == nil || item.account.owner == owner) && (tier == nil || item.account.tier == tier)
              && (wanted == nil || item.health.health == wanted)
          } : board)
      // Kept until the process exits (see `Session.run`).
      return desk
    }
  }

  private func print(_ rows: [Assessment]) {
    switch format {
    case .json: Output.jsonArray(rows, AssessmentJSON.board)
    case .csv: Output.text(BoardCSV.text(rows))
    case .text:
      // An EVIDENCE column ("thin data: 2 of 5 measures": at most yellow) when some account has too little data.
      let evidence = rows.contains { $0.health.isThin }
      var headers = ["", "SCORE", "TREND", "ACCOUNT", "OWNER", "T", "TOUCH", "RENEWS"]
      if evidence { headers.append("EVIDENCE") }
      headers.append("ALERTS")
      var table = Table(headers: headers, rightAligned: [1, 6, 7])
      table.maximumColumnWidth = 60
      for row in rows {
        let trend = row.trend.arrow + (row.trend.change.map { $0 == 0 ? "" : ($0 > 0 ? "+\($0)" : String($0)) } ?? "")
        var cells: [String] = [
          row.health.health.letter, row.health.score.map(String.init) ?? "–", trend, row.account.name,
          row.account.owner ?? "NO OWNER", String(row.account.tier), row.daysSinceTouch.map { "\($0)d" } ?? "never",
          row.daysToRenewal.map { "\($0)d" } ?? "–",
        ]
        if evidence { cells.append(row.health.thinDataNote ?? "") }
        cells.append(row.alerts.map(\.rawValue).joined(separator: " "))
        table.append(cells)
      }
      Output.text(table.rendered())
      let counts = Health.allCases.map { health in
        "\(rows.filter { $0.health.health == health }.count) \(health.rawValue)"
      }
      Output.line("\(counted(rows.count, "account")): " + counts.joined(separator: ", "))
    }
  }
}
