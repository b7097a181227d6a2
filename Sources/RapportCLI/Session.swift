import ArgumentParser
import Glibc
import RapportDomain
import RapportJournal
import RapportText

/// One command's run: the journal, the user, today, and the edge where errors become messages and exit
/// codes (64 usage, 65 refused input, 74 journal I/O, 1 an unsound journal).
struct Session {
  let options: GlobalOptions
  let journal: Journal
  let user: String
  let today: Day
  let memory: HeadMemory

  static func run(_ options: GlobalOptions, _ body: (Session) throws -> Void) throws {
    signal(SIGXFSZ, SIG_IGN)
    do {
      let session = try Session(options: options)
      try body(session)
    } catch let error as DomainError {
      Output.error(error.description)
      throw ExitCode(65)
    } catch let error as JournalError {
      Output.error(error.description)
      throw ExitCode(74)
    }
  }

  private init(options: GlobalOptions) throws {
    self.options = options
    journal = Journal(path: options.journalPath)
    user = options.userName
    today = try options.todayDay()
    memory = HeadMemory(path: Environment.stateHome + "/rapport/heads.tsv")
  }

  /// Parses a user-typed date option.
  func day(_ text: String?, option: String, default fallback: Day? = nil) throws -> Day {
    guard let text else {
      guard let fallback else { throw DomainError.missingValue(field: option) }
      return fallback
    }
    guard let day = Day(userInput: text, today: today) else {
      throw DomainError.invalidValue(
        field: option, value: text, expected: "YYYY-MM-DD, today, yesterday, -Nd, +Nd or a weekday")
    }
    return day
  }

  /// Opens the desk, reporting (and quarantining) invalid lines and a shortened history.
  func openDesk() throws -> Desk {
    guard journal.exists else { throw JournalError.notFound(path: journal.path) }
    for warning in journal.warnings() { Output.warning(warning) }
    let seenBefore = memory.snapshot()
    let desk = try Desk.open(journal, user: user)
    report(desk, seenBefore: seenBefore)
    return desk
  }

  private func report(_ desk: Desk, seenBefore: [String: HeadMemory.Head]) {
    if !desk.problems.isEmpty {
      for problem in desk.problems.prefix(5) { Output.warning("\(journal.path): skipped \(problem)") }
      if desk.problems.count > 5 {
        Output.warning("\(journal.path): \(desk.problems.count - 5) more invalid records skipped")
      }
      if (try? Quarantine(journal: journal).setAside(desk.problems)) ?? 0 > 0 {
        Output.warning("copies of the invalid records are in \(journal.quarantinePath); run `rapport verify`")
      }
    }
    if let id = desk.book.journalID, let seen = seenBefore[id], seen.seq > desk.position.lastSeq {
      Output.warning(
        "\(journal.path) ends at record \(desk.position.lastSeq), but record \(seen.seq) was seen here before: records were removed; run `rapport verify`"
      )
    }
  }

  /// Performs a command and prints what was saved.
  func perform(_ command: Command, on desk: inout Desk) throws {
    let path = journal.quarantinePath
    let outcome = try desk.perform(command) { problem in
      // Said as it happens: the repair stands even when the command itself is then refused.
      Output.warning("moved an unfinished write (\(problem.reason), byte \(problem.offset)) to \(path)")
    }
    for record in outcome.records {
      Output.line("saved #\(record.seq) \(record.type)" + (record.account.map { " \($0)" } ?? "") + " id=\(record.id)")
    }
    if let id = desk.book.journalID {
      memory.remember(HeadMemory.Head(seq: desk.position.lastSeq, hash: desk.position.headHash), for: id)
    }
  }

  /// Opens the desk and performs one command: the common shape of every write command.
  func perform(_ makeCommand: (Desk) throws -> Command) throws {
    var desk = try openDesk()
    try perform(makeCommand(desk), on: &desk)
  }
}
