import ArgumentParser
import Glibc
import RapportDomain
import RapportExchange
import RapportJournal
import RapportText

struct ImportCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "import",
    abstract: "Import accounts, contacts, usage, tickets or NPS answers from a CSV file, all or nothing.",
    discussion: """
      Columns are found by their header, in any case: Rapport's own names (what `rapport export` writes) and \
      those of HubSpot companies exports, Salesforce accounts reports, Zendesk tickets exports and survey \
      exports (see docs/import-export.md). Quoted fields, line breaks and commas inside quotes, a UTF-8 byte-order mark, \
      CRLF line ends and `;` or tab separators are read. Every problem is named as FILE:LINE:COLUMN; a file \
      with any problem writes nothing. A valid file is appended as one batch. Rows already in the journal are \
      left alone (unchanged), so importing the same file twice adds nothing.
      """)

  @OptionGroup var globals: GlobalOptions
  @Argument(help: ArgumentHelp("What the file holds: \(ImportKind.choices).", valueName: "kind")) var kind: String
  @Argument(help: ArgumentHelp("The CSV file (- reads standard input).", valueName: "file")) var file: String
  @Flag(
    name: .customLong("dry-run"),
    help: "Show what would be written (counts, the first rows, every problem); write nothing.")
  var dryRun = false
  @Option(
    name: .customLong("map"),
    help: ArgumentHelp(
      "Take FIELD from COLUMN whatever the header says, e.g. --map account=Customer (repeatable; FIELD= leaves a field out).",
      valueName: "FIELD=COLUMN"))
  var maps: [String] = []
  @Option(help: ArgumentHelp("Tier of new accounts whose row gives none.", valueName: "n")) var tier: Int = 3
  @Option(help: ArgumentHelp("comma, semicolon or tab (default: found from the header line).", valueName: "separator"))
  var separator: String?
  @Option(help: ArgumentHelp("How many rows a dry run lists.", valueName: "n")) var show: Int = 10

  func validate() throws {
    guard ImportKind(rawValue: kind.lowercased()) != nil else {
      throw ValidationError("unknown kind '\(kind)': expected \(ImportKind.choices)")
    }
    _ = try overrides()
    guard (1...3).contains(tier) else { throw ValidationError("--tier must be 1, 2 or 3") }
    if let separator, separatorByte(separator) == nil {
      throw ValidationError("--separator must be comma, semicolon or tab")
    }
    guard show >= 0 else { throw ValidationError("--show must be 0 or more") }
  }

  private func overrides() throws -> [ImportField: String] {
    var result: [ImportField: String] = [:]
    let kind = ImportKind(rawValue: self.kind.lowercased()) ?? .accounts
    for map in maps {
      guard let equals = map.firstIndex(of: "=") else {
        throw ValidationError("--map \(map): expected FIELD=COLUMN, e.g. --map account=Customer")
      }
      let name = String(map[..<equals]).lowercased()
      guard let field = ImportField(rawValue: name), kind.fields.contains(field) else {
        throw ValidationError(
          "--map \(map): \(kind.rawValue) has no field '\(name)' (fields: \(kind.fields.map(\.name).joined(separator: ", ")))"
        )
      }
      result[field] = String(map[map.index(after: equals)...])
    }
    return result
  }

  private func separatorByte(_ text: String) -> UInt8? {
    switch text.lowercased() {
    case "comma", ",": return UInt8(ascii: ",")
    case "semicolon", ";": return UInt8(ascii: ";")
    case "tab", "\t", "\\t": return 0x09
    default: return nil
    }
  }

  func run() throws {
    try Session.run(globals) { session in
      let kind = ImportKind(rawValue: self.kind.lowercased()) ?? .accounts
      let options = ImportOptions(
        overrides: try overrides(), defaultTier: tier, separator: separator.flatMap(separatorByte))
      let bytes: [UInt8]
      do throws(InputFile.Failure) {
        bytes = try InputFile.read(file)
      } catch {
        Output.error("cannot read \(file): \(error.reason)")
        throw ExitCode(65)
      }
      do {
        let input = try ImportFile(bytes, name: file, kind: kind, options: options)
        var desk = try session.openDesk()
        if dryRun {
          var plan = input.plan(against: desk.book)
          plan.check(against: desk.book, in: session.context())
          ImportReport.describe(plan, dryRun: true, show: show)
          guard plan.problems.isEmpty else { throw ImportProblems(plan.problems) }
          return
        }
        try perform(input, on: &desk, session: session)
      } catch let refused as ImportProblems {
        for problem in refused.problems { Output.error(problem.description) }
        let count = refused.problems.count
        Output.error("\(file): \(count) problem\(count == 1 ? "" : "s"); nothing written")
        throw ExitCode(65)
      }
    }
  }

  /// Plans under the journal's lock, against the latest book, and appends the plan as one batch,
  /// streamed into the journal (a file of a million rows is never held as a million records).
  private func perform(_ input: ImportFile, on desk: inout Desk, session: Session) throws {
    try session.checkNotReadOnly()
    try session.checkHistoryAccepted(desk)
    var plan: ImportPlan?
    let quarantine = session.journal.quarantinePath
    let outcome: Journal.BatchOutcome
    do {
      outcome = try desk.perform(
        largeBatch: { book in
          let made = input.plan(against: book)
          plan = made
          guard made.problems.isEmpty else { throw ImportProblems(made.problems) }
          return made.plannedCommands
        }, in: session.context(),
        onRepair: { problem in
          Output.warning("moved an unfinished write (\(problem.reason), byte \(problem.offset)) to \(quarantine)")
        })
    } catch let refused as BatchRefused {
      throw ImportProblems(plan?.problems(for: refused.refusals) ?? [])
    }
    guard let plan else { return }
    ImportReport.describe(plan, dryRun: false, show: 0)
    if let first = outcome.first, let last = outcome.last {
      Output.line(
        outcome.count == 1
          ? "saved #\(first.seq) \(first.type)" + (first.account.map { " \($0)" } ?? "") + " id=\(first.id)"
          : "saved #\(first.seq)–#\(last.seq): \(counted(outcome.count, "record")) in one batch")
      // The desk's book stays before the batch (it is not folded in): remember the journal's new end.
      var seen = desk
      seen.position = outcome.end
      session.remember(seen)
    } else {
      Output.line("nothing new in \(TerminalText.sanitised(input.name)): nothing written")
      session.remember(desk)
    }
  }
}
