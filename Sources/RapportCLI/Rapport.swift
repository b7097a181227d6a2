import ArgumentParser

/// `rapport`: the root command.
public struct Rapport: ParsableCommand {
  public static let configuration = CommandConfiguration(
    commandName: "rapport",
    abstract: "Keep your clients: owners, health, and what must happen next, in one shared journal.",
    discussion: """
      Every change is an event appended to one journal file (JSON Lines, hash-chained). Several people may \
      use the same journal at once. Exit codes: 0 success, 1 an unsound journal (verify), 64 bad usage, \
      65 input refused (or a write this user may not make), 74 the journal or the output could not be read or \
      written. Without a subcommand, rapport opens the \
      full-screen dashboard on the journal (q quits).
      """,
    subcommands: [
      InitCommand.self, AccountCommand.self, OwnerCommand.self, HandoffCommand.self, StageCommand.self,
      ContactCommand.self, TouchCommand.self, NPSCommand.self, UsageCommand.self, TicketCommand.self,
      CriterionCommand.self, ValueCommand.self, QBRCommand.self, TaskCommand.self, AmendCommand.self,
      RetractCommand.self, TimelineCommand.self, BoardCommand.self, WhyCommand.self, DueCommand.self,
      ConfigCommand.self, ReportCommand.self, VerifyCommand.self, DemoCommand.self, StandupCommand.self,
      ImportCommand.self, ExportCommand.self, MemberCommand.self, RepairCommand.self,
      RenewalCommand.self, ForecastCommand.self,
    ]
  )

  @OptionGroup var globals: GlobalOptions
  @OptionGroup var dashboard: DashboardOptions

  public init() {}

  /// `rapport` alone: the full-screen dashboard on the journal.
  public func run() throws {
    try Session.run(globals) { session in
      let desk = try session.openDesk()
      try openDashboard(session: session, desk: consume desk, themeName: dashboard.theme)
    }
  }
}

extension OutputFormat: ExpressibleByArgument {}
