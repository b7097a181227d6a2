import ArgumentParser
import Glibc
import RapportDomain
import RapportJournal
import RapportSample

struct DemoCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "demo",
    abstract: "Write (once) a demo book of 40 accounts and 18 months of history, and show it.",
    discussion: """
      The demo journal lives at $XDG_DATA_HOME/rapport/demo.jsonl unless --log names another file. On a \
      terminal the dashboard opens on it; otherwise (or with --format) the accounts are printed.
      """)
  @OptionGroup var globals: GlobalOptions
  @OptionGroup var dashboard: DashboardOptions
  @Option(help: "text or json: print the accounts instead of opening the dashboard.") var format: OutputFormat?

  func run() throws {
    var options = globals
    if options.log == nil { options.log = Environment.dataHome + "/rapport/demo.jsonl" }
    try Session.run(options) { session in
      let path = session.journal.path
      if !session.journal.exists {
        makeDirectories(containing: path)
        let sample = SampleBook(
          accounts: 40, firstDay: session.today.adding(days: -548), lastDay: session.today,
          owners: ["alice", "bob", "chen", "dana"])
        try Journal.create(
          at: path, by: "demo", at: Timestamp(milliseconds: Int64(sample.firstDay.number - 1) * 86_400_000)
        ) { writer in
          try sample.generate { draft, time, user in try writer.append(draft, at: time, by: user) }
        }
        Output.note("wrote the demo book to \(path)")
      }
      let desk = try session.openDesk()
      if format == nil && isatty(1) != 0 {
        try openDashboard(
          session: session, desk: consume desk, themeName: dashboard.theme)
      } else {
        AccountListing.print(desk, today: session.today, format: format ?? .text)
      }
    }
  }
}
