import ArgumentParser
import Glibc
import RapportDomain
import RapportJournal
import RapportText

struct StandupCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "standup",
    abstract: "Run the weekly standup on the dashboard, or print its agenda or the last one's summary.",
    discussion: """
      On a terminal, opens the dashboard's standup: one card per account on the agenda (unowned, red, \
      score fell since the last standup, renewal at risk, overdue plays). --summary prints the agenda as \
      plain text instead (also what happens when the output is not a terminal); --last prints the summary \
      of the last standup recorded.
      """)
  @OptionGroup var globals: GlobalOptions
  @OptionGroup var dashboard: DashboardOptions
  @Option(help: "Only this owner's accounts.", completion: .owners) var owner: String?
  @Flag(help: "Print the agenda as plain text instead of opening the dashboard.") var summary = false
  @Flag(help: "Print the summary of the last standup recorded.") var last = false
  @Option(help: "text or json: the agenda (or with --last the last standup) as JSON instead of the dashboard.")
  var format: OutputFormat = .text

  func run() throws {
    try Session.run(globals) { session in
      let desk = try session.openDesk()
      if last {
        guard let standup = desk.book.standups.last(where: { owner == nil || $0.owner == owner }) else {
          throw DomainError.missingValue(field: "standup: none recorded yet" + (owner.map { " for \($0)" } ?? ""))
        }
        if format == .json {
          Output.json(Self.json(of: standup))
        } else {
          printPlain(StandupSummary.text(of: standup, in: desk.book))
        }
      } else if format == .json {
        Output.json(
          AssessmentJSON.standup(StandupAgenda(book: desk.book, today: session.today, owner: owner)))
      } else if summary || isatty(1) == 0 {
        printPlain(StandupSummary.text(of: StandupAgenda(book: desk.book, today: session.today, owner: owner)))
      } else {
        try openDashboard(
          session: session, desk: consume desk, themeName: dashboard.theme
        ) { $0.startStandup(owner: owner) }
      }
    }
  }

  /// The standup recorded, as JSON: who ran it, when, for whom, and what it reviewed.
  static func json(of standup: Standup) -> JSONValue {
    .object(
      JSONObject([
        ("seq", .number(Double(standup.seq))), ("day", .string(standup.day.description)),
        ("owner", standup.owner.map { .string($0) } ?? .null), ("ran_by", .string(standup.ranBy)),
        ("discussed", .array(standup.discussed.map { .string($0) })),
        ("skipped", .array(standup.skipped.map { .string($0) })),
        ("actions", .array(standup.actions.map { .number(Double($0)) })),
      ]))
  }

  /// Prints text made of journal content line by line, each sanitised for the terminal.
  private func printPlain(_ text: String) {
    for line in text.split(separator: "\n", omittingEmptySubsequences: false).dropLast() {
      Output.line(TerminalText.sanitised(String(line)))
    }
  }
}
