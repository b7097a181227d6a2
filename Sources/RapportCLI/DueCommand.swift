import ArgumentParser
import RapportDomain
import RapportExchange
import RapportJournal
import RapportText

struct DueCommand: ParsableCommand {
  static let configuration = CommandConfiguration(commandName: "due", abstract: "What must happen next, overdue first.")
  @OptionGroup var globals: GlobalOptions
  @Option(
    help: ArgumentHelp(
      "Only this user's plays: on accounts they own, and on accounts they manage (marked).", valueName: "user"),
    completion: .owners)
  var owner: String?
  @Option(help: ArgumentHelp("Only plays due within this many days (overdue ones always show).", valueName: "days"))
  var within: Int?
  @Flag(help: "Only overdue plays.") var overdue = false
  @Option(help: "text, json or csv.") var format: TableFormat = .text

  func run() throws {
    try Session.run(globals) { session in
      let today = session.today
      if let within, within < 0 {
        throw DomainError.invalidValue(field: "--within", value: String(within), expected: "0 or more days")
      }
      let desk = try session.openDesk()
      let all = PlayBook(book: desk.book, today: today, config: desk.book.config(asOf: today)).allPlays()
      let plays = (owner.map { PlayBook.plays(all, for: $0, in: desk.book) } ?? all).filter { play in
        (!overdue || play.isOverdue(on: today))
          && (within == nil || play.isOverdue(on: today) || play.due <= today.adding(days: within ?? 0))
      }
      switch format {
      case .json: Output.json(.array(plays.map { AssessmentJSON.play($0, today: today) }))
      case .csv:
        var text = CSVWriter.line([
          "account", "play", "title", "owner", "due", "overdue", "days_late", "task", "managed_by", "closed_by",
        ])
        for play in plays {
          text += CSVWriter.line([
            play.account, play.code.rawValue, play.title, play.owner ?? "", play.due.description,
            play.isOverdue(on: today) ? "true" : "false", String(play.daysLate(on: today)),
            play.taskID.map(String.init) ?? "", play.managedBy ?? "", play.evidence,
          ])
        }
        Output.text(text)
      case .text:
        var table = Table(headers: ["DUE", "LATE", "ACCOUNT", "PLAY", "OWNER", "WHAT"], rightAligned: [1])
        table.maximumColumnWidth = 60
        for play in plays {
          table.append([
            play.due.description, play.isOverdue(on: today) ? "\(play.daysLate(on: today))d" : "", play.account,
            play.code.rawValue,
            (play.owner ?? "NO OWNER") + (play.managedBy != nil ? " (you manage)" : ""),
            play.title + (play.taskID.map { " (task \($0))" } ?? "") + " — closed by " + play.evidence,
          ])
        }
        Output.text(table.rendered())
        Output.line("\(counted(plays.count, "play")), \(plays.filter { $0.isOverdue(on: today) }.count) overdue")
      }
      // Kept until the process exits (see `Session.run`).
      return desk
    }
  }
}
