import ArgumentParser
import Glibc
import RapportJournal
import RapportPostgres

struct InitCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "init", abstract: "Create a new, empty journal (mode 0600, or 0660 with --group).",
    discussion: """
      With --postgres URI (or --log or RAPPORT_LOG naming a database), creates the journal in that \
      PostgreSQL database instead: its table, triggers and the roles rapport_writer and rapport_reader, \
      then its first record. Run it as the database's owner, with CREATEROLE.
      """)

  @OptionGroup var globals: GlobalOptions

  @Option(help: ArgumentHelp("Make the journal readable and writable by this group (mode 0660).", valueName: "name"))
  var group: String?

  @Option(
    help: ArgumentHelp(
      "Create the journal in this PostgreSQL database (a postgresql:// URI or libpq key=value pairs).",
      valueName: "uri"))
  var postgres: String?

  func validate() throws {
    if let postgres {
      guard JournalLocation.isDatabase(postgres) else {
        throw ValidationError(
          "--postgres takes a PostgreSQL connection string (postgresql://… or host=… dbname=…), not '\(postgres)'")
      }
      if let log = globals.log, log != postgres {
        throw ValidationError("--postgres and --log name two different journals: give one of them")
      }
    }
  }

  func run() throws {
    var options = globals
    if let postgres { options.log = postgres }
    let inDatabase = JournalLocation.isDatabase(options.journalPath)
    if inDatabase, group != nil {
      Output.error(
        "--group applies only to a journal file: in PostgreSQL, who may read and write is the server's roles"
          + " (`rapport member add NAME --login ROLE --role …`)")
      throw ExitCode(64)
    }
    try Session.run(options) { session in
      let journal = session.journal
      if let store = journal.store as? PostgresJournalStore {
        try store.create(by: session.user)
        Output.line(
          "created the journal in \(journal.path) (as \(journal.login); members' logins are granted"
            + " rapport_writer or rapport_reader)")
        return
      }
      let path = journal.path
      makeDirectories(containing: path)
      let created = try Journal.create(at: path, by: session.user, group: group)
      for warning in created.warnings() { Output.warning(warning) }
      Output.line("created \(path)" + (group.map { " (group \($0), mode 0660)" } ?? " (mode 0600)"))
    }
  }
}
