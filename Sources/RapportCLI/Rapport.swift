import ArgumentParser
import Glibc
import RapportCheckpoint

/// `rapport`: the root command.
///
/// Every command, subcommands included, states its `commandName`: ArgumentParser otherwise derives it
/// from the type's name with `String(describing:)`, whose protocol-conformance lookups over the whole
/// binary were a third of the instructions of `rapport --version` (47 M, now 30 M), paid by every run.
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
    version: RapportVersion.description,
    subcommands: [
      InitCommand.self, AccountCommand.self, OwnerCommand.self, HandoffCommand.self, StageCommand.self,
      ContactCommand.self, TouchCommand.self, NPSCommand.self, UsageCommand.self, TicketCommand.self,
      CriterionCommand.self, ValueCommand.self, QBRCommand.self, TaskCommand.self, AmendCommand.self,
      RetractCommand.self, VoidCommand.self, TimelineCommand.self, BoardCommand.self, WhyCommand.self, DueCommand.self,
      ConfigCommand.self, ReportCommand.self, VerifyCommand.self, DemoCommand.self, StandupCommand.self,
      ImportCommand.self, ExportCommand.self, MemberCommand.self, RepairCommand.self, JournalCommand.self,
      BackupCommand.self, DigestCommand.self,
      RenewalCommand.self, ForecastCommand.self, CompletionsCommand.self,
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

  /// Parses the command line and runs the command, as ArgumentParser's `main` does, adding a "did you
  /// mean" line after the usage error when a word is close to a subcommand (`rapport touhc`).
  public static func main() {
    let arguments = Array(CommandLine.arguments.dropFirst())
    do {
      var command = try parseAsRoot(arguments)
      try command.run()
    } catch {
      let message = fullMessage(for: error)
      let code = exitCode(for: error)
      if code == .validationFailure, let hint = subcommandHint(arguments, message: message) {
        var standardError = StandardError()
        print(message, to: &standardError)
        Output.note(hint)
        Glibc.exit(code.rawValue)
      }
      exit(withError: error)
    }
  }

  /// "did you mean 'touch'?" after a usage error, when the first word that names no subcommand, where
  /// one was expected, is close to one.
  private static let valueOptions: Set<String> = ["--log", "--as", "--today", "--theme"]

  static func subcommandHint(_ arguments: [String], message: String) -> String? {
    guard !message.isEmpty else { return nil }
    var subcommands: [ParsableCommand.Type] = Rapport.configuration.subcommands
    var previous = ""
    for word in arguments {
      defer { previous = word }
      // Options and the values of the root's options that take one.
      if word.hasPrefix("-") || valueOptions.contains(previous) { continue }
      if subcommands.isEmpty { return nil }
      let names: [String] = subcommands.map { type in type._commandName }
      if let index = names.firstIndex(of: word) {
        let next: ParsableCommand.Type = subcommands[index]
        subcommands = next.configuration.subcommands
        continue
      }
      return Suggestion.line(for: word, among: names)
    }
    return nil
  }
}

/// Standard error as a `TextOutputStream`, for ArgumentParser's messages.
struct StandardError: TextOutputStream {
  mutating func write(_ string: String) {
    let bytes = Array(string.utf8)
    var offset = 0
    while offset < bytes.count {
      let written = bytes[offset...].withUnsafeBytes { Glibc.write(STDERR_FILENO, $0.baseAddress, $0.count) }
      if written <= 0 { return }
      offset += written
    }
  }
}
extension OutputFormat: ExpressibleByArgument {}
