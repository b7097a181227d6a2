import ArgumentParser
import Glibc
import RapportDomain
import RapportJournal

/// `rapport repair`: moves a damaged end of the journal to the quarantine file, so that writers can go
/// on, and records what was moved. Damage followed by sound records is history: refused.
struct RepairCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "repair", abstract: "Move a damaged end of the journal to the quarantine file, and say so in it.",
    discussion: """
      When the last records of the journal are damaged (a line edited by hand, a forged record), every \
      writer refuses to append after them. `rapport repair` moves the damaged end, from the first bad \
      record to the end of the file, to the quarantine file beside the journal (nothing is deleted), then \
      appends a journal.repaired record naming the records moved, the quarantine file and where in it. It \
      asks first; --yes answers for scripts. Damage followed by sound records is refused: Rapport never \
      rewrites history. A journal in PostgreSQL is refused (exit 64): the server keeps it append-only.
      """)
  @OptionGroup var globals: GlobalOptions
  @Flag(help: "Do not ask for a confirmation.") var yes = false

  func run() throws {
    try Session.run(globals) { session in
      let journal = session.journal
      guard journal.isFile else {
        // The server refuses every change to a record, so no damaged end can be chained onto there.
        Output.error(JournalError.notAFile(path: journal.path, operation: "`rapport repair`").description)
        Output.note("the server keeps a journal in a database append-only; `rapport verify` checks it")
        throw ExitCode(64)
      }
      guard journal.exists else { throw JournalError.notFound(path: journal.path) }
      guard let tail = try journal.damagedTail() else {
        Output.line("\(journal.path): nothing to repair: its end is sound (`rapport verify` checks every record)")
        return
      }
      let desk = try session.openDesk()
      try session.checkMayWrite(desk, type: Journal.repairedType)
      describe(tail, in: journal)
      guard try confirmed() else {
        Output.line("nothing was moved")
        return
      }
      let repair = try journal.repair(tail, by: session.user)
      Output.line(
        "moved \(counted(tail.lines, "line")) (\(counted(tail.length, "byte"))) to \(journal.quarantinePath) at byte \(repair.quarantineOffset)"
      )
      Output.line("saved #\(repair.record.seq) \(repair.record.type) id=\(repair.record.id)")
    }
  }

  private func describe(_ tail: Journal.DamagedTail, in journal: Journal) {
    let records =
      tail.throughSeq > tail.first.seq ? "records #\(tail.first.seq)–#\(tail.throughSeq)" : "record #\(tail.first.seq)"
    Output.line("\(journal.path) is damaged from byte \(tail.offset) to its end: \(tail.first.reason)")
    Output.line(
      "repair moves \(records) (\(counted(tail.lines, "line")), \(counted(tail.length, "byte"))) to \(journal.quarantinePath), then"
        + " appends a journal.repaired record saying so; the records before stay as they are")
  }

  /// Whether the user agreed: `--yes`, or "y" typed at the terminal.
  private func confirmed() throws -> Bool {
    if yes { return true }
    guard isatty(STDIN_FILENO) == 1 else {
      Output.error("repair asks for a confirmation: run it at a terminal, or pass --yes")
      throw ExitCode(64)
    }
    let question = Array("Move them? [y/N] ".utf8)
    _ = question.withUnsafeBytes { Glibc.write(STDERR_FILENO, $0.baseAddress, $0.count) }
    guard let answer = readLine() else { return false }
    return ["y", "yes"].contains(answer.lowercased().filter { !$0.isWhitespace })
  }
}
