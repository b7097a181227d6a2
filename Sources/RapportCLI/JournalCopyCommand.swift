import ArgumentParser
import Glibc
import RapportJournal
import RapportPostgres

/// `rapport journal copy SOURCE TARGET`: a journal moved into PostgreSQL or out of it, line for line.
struct JournalCopyCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "copy",
    abstract: "Copy a whole journal: a file into PostgreSQL, a database out to a file, or between two.",
    discussion: """
      SOURCE and TARGET are each a journal file or a PostgreSQL connection string (postgresql://…, or \
      key=value pairs naming host= or dbname=). Every record is copied as the same line, so a file copied \
      into a database and back is the same file, byte for byte.

      The source must be sound: a journal with a problem is refused at its first (line, record, what), \
      as `rapport verify` would report it. A file target must not exist (it is never overwritten); a \
      database target must hold no records. Into a database, the schema is installed when missing (the \
      connecting role must own the database and have CREATEROLE), and the records are inserted in one \
      transaction by the owner of the journal's table, keeping the logins they were written from. The \
      copy is read back and compared with the source (records, last record, head hash) before it is kept: \
      on any failure nothing is copied.

      Exits 0 once copied; 65 when the copy is refused (an unsound source, a target that exists or holds \
      records, a role that may not copy in, a record the server refuses); 74 when a journal cannot be read \
      or written.
      """)

  @Argument(help: ArgumentHelp("The journal to copy: a file or a connection string.", valueName: "source"))
  var source: String

  @Argument(help: ArgumentHelp("Where to copy it: a new file or a database without records.", valueName: "target"))
  var target: String

  @Option(help: ArgumentHelp("For a file target: readable and writable by this group (mode 0660).", valueName: "name"))
  var group: String?

  func run() throws {
    signal(SIGPIPE, SIG_IGN)
    let from = Self.place(source)
    let to = Self.place(target)
    if case .database = to, group != nil {
      throw ValidationError("--group applies to a file target; \(to) is a database")
    }
    try Self.reportingFailures {
      let copied = try JournalCopy.run(from: from, to: to, group: group)
      Output.line(
        "copied \(counted(copied.records, "record")) from \(from) to \(to): last #\(copied.lastSeq), head \(copied.headHash)"
      )
    }
  }

  /// Runs a copy, saying what went wrong and that nothing was copied (exit 65 for a refusal, 74
  /// otherwise).
  static func reportingFailures(_ body: () throws -> Void) throws {
    do {
      try body()
    } catch let error as JournalCopyError {
      throw Self.failure(error.description, refused: error.isRefusal)
    } catch let error as JournalStreamScanner.Unsound {
      throw Self.failure(
        "\(error.description); `rapport verify --log \(error.path)` lists every problem", refused: true)
    } catch let error as JournalError {
      throw Self.failure(error.description, refused: Self.isRefusal(error))
    }
  }

  static func place(_ text: String) -> JournalCopy.Place {
    JournalLocation.isDatabase(text) ? .database(text) : .file(text)
  }

  /// Says what went wrong, and that nothing was copied; exit 65 for a refusal, 74 otherwise.
  private static func failure(_ message: String, refused: Bool) -> ExitCode {
    Output.error(message)
    Output.note("nothing was copied")
    return ExitCode(refused ? 65 : 74)
  }

  /// A target that is there already, a planted link, a record the server will not take, a source
  /// that is no journal: the copy was refused, not failed.
  private static func isRefusal(_ error: JournalError) -> Bool {
    switch error {
    case .alreadyExists, .notARegularFile, .storeRefused, .notAJournal, .newerSchema, .unknownGroup: true
    default: false
    }
  }
}
