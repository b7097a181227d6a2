import ArgumentParser
import Glibc
import RapportJournal
import RapportPostgres

/// `rapport backup DEST`: a consistent, verified copy of the journal for the nightly backup a team's
/// host runs (cron), written as `rapport journal copy` writes a file.
struct BackupCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "backup", abstract: "Write a consistent, verified copy of the journal to a new file.",
    discussion: """
      Reads the journal (a file under its shared lock, so no append is half-copied; a database in one \
      snapshot) and writes every record, byte for byte, to a new file: flushed to disk, read back and \
      compared with the journal before it appears, never over an existing file. DEST is that file, or a \
      folder, where the copy is named after the journal and the time (journal-20261206-021500.jsonl). \
      The journal must be sound: a damaged one is refused at its first problem (run `rapport verify`).

      A nightly backup from cron: 15 2 * * * rapport backup /var/backups/rapport

      Exits 0 once written; 65 when refused (DEST exists, an unsound journal); 74 when the journal \
      cannot be read or DEST written.
      """)

  @OptionGroup var globals: GlobalOptions

  @Argument(help: ArgumentHelp("A new file, or a folder to write a dated copy in.", valueName: "dest"))
  var destination: String

  @Option(help: ArgumentHelp("Make the copy readable and writable by this group (mode 0660).", valueName: "name"))
  var group: String?

  func run() throws {
    signal(SIGPIPE, SIG_IGN)
    let journal = JournalLocation.journal(at: globals.journalPath)
    let source = JournalCopyCommand.place(globals.journalPath)
    let target = Self.target(destination, for: journal, at: time(nil))
    try JournalCopyCommand.reportingFailures {
      let copied = try JournalCopy.run(from: source, to: .file(target), group: group)
      Output.line(
        "backed up \(counted(copied.records, "record")) of \(source) to \(target): last #\(copied.lastSeq),"
          + " head \(copied.headHash)")
    }
  }

  /// `destination` itself, or for a folder a file in it named after the journal and `now` (local
  /// time, to the second: one backup a second at most, and the next one never overwrites it).
  static func target(_ destination: String, for journal: Journal, at now: time_t) -> String {
    var info = stat()
    guard stat(destination, &info) == 0, info.st_mode & S_IFMT == S_IFDIR else { return destination }
    var name = journal.label
    if !journal.isFile {
      name = String(name.prefix { $0 != "@" })  // a database's name, without its host
    } else if let dot = name.lastIndex(of: "."), dot != name.startIndex {
      name = String(name[..<dot])
    }
    var clock = now
    var parts = tm()
    localtime_r(&clock, &parts)
    let stamp = String(
      format: "%04d%02d%02d-%02d%02d%02d", Int(parts.tm_year) + 1900, Int(parts.tm_mon) + 1, Int(parts.tm_mday),
      Int(parts.tm_hour), Int(parts.tm_min), Int(parts.tm_sec))
    let folder = destination.hasSuffix("/") ? String(destination.dropLast()) : destination
    return folder + "/" + name.filter { $0 != "/" } + "-" + stamp + ".jsonl"
  }
}
