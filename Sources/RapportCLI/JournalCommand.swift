import ArgumentParser

/// `rapport journal`: what is done to a journal as a whole (copying it from one home to another).
struct JournalCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "journal", abstract: "Work on a journal as a whole: copy it between a file and PostgreSQL.",
    subcommands: [JournalCopyCommand.self])
}
