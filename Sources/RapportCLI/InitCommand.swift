import ArgumentParser
import Glibc
import RapportJournal

struct InitCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "init", abstract: "Create a new, empty journal (mode 0600, or 0660 with --group).")

  @OptionGroup var globals: GlobalOptions

  @Option(help: ArgumentHelp("Make the journal readable and writable by this group (mode 0660).", valueName: "name"))
  var group: String?

  func run() throws {
    try Session.run(globals) { session in
      let path = session.journal.path
      makeDirectories(containing: path)
      let journal = try Journal.create(at: path, by: session.user, group: group)
      for warning in journal.warnings() { Output.warning(warning) }
      Output.line("created \(path)" + (group.map { " (group \($0), mode 0660)" } ?? " (mode 0600)"))
    }
  }
}
