import ArgumentParser
import Glibc
import RapportCheckpoint
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
  /// Where checkpoints are read and written; nil with --no-checkpoint or RAPPORT_NO_CHECKPOINT=1.
  let checkpoints: CheckpointStore?
  let checkpointWriter = CheckpointWriter()
  /// The account ids of the desk this session opened, for "did you mean" after an unknown account.
  let knownAccounts: KnownAccounts

  /// Runs `body` in a session, reporting its errors as messages and exit codes. On success the process
  /// ends here, once the output is flushed and a checkpoint being written is finished, without
  /// releasing what `body` returned: a command returns the desk it read so that a short-lived process
  /// exits without freeing a book of a million entries one object at a time, which would be a sizeable
  /// share of a short command opened from a checkpoint.
  static func run<Kept>(_ options: GlobalOptions, _ body: (Session) throws -> Kept) throws {
    signal(SIGXFSZ, SIG_IGN)
    // A reader that goes away (`rapport board | head -1`) makes write(2) fail with EPIPE instead of
    // killing the process: the command then ends as it would (the checkpoint being written is
    // finished) and quietly (see `finishStandardOutput`).
    signal(SIGPIPE, SIG_IGN)
    let kept: Kept
    do {
      kept = try runReportingErrors(options, body)
    } catch {
      try finishStandardOutput()
      throw error
    }
    try finishStandardOutput()
    withExtendedLifetime(kept) { exit(EXIT_SUCCESS) }
  }

  private static func runReportingErrors<Kept>(_ options: GlobalOptions, _ body: (Session) throws -> Kept) throws
    -> Kept
  {
    let knownAccounts = KnownAccounts()
    do {
      let session = try Session(options: options, knownAccounts: knownAccounts)
      // A checkpoint being written in the background is finished before the process exits.
      defer { session.checkpointWriter.wait() }
      return try body(session)
    } catch let error as DomainError {
      Output.error(error.description)
      if let hint = hint(for: error, accounts: knownAccounts.slugs) { Output.note(hint) }
      throw ExitCode(65)
    } catch let error as JournalError {
      Output.error(message(for: error, inDatabase: JournalLocation.isDatabase(options.journalPath)))
      switch error {
      case .storeRefused: throw ExitCode(65)
      // A command that applies only to a journal file, asked of one in a database: a usage error.
      case .notAFile: throw ExitCode(64)
      default: throw ExitCode(74)
      }
    } catch let error as WriteRefused {
      Output.error(error.message)
      throw ExitCode(65)
    }
  }

  /// What the user reads for a journal error: for a journal in a database, "no journal" and "already
  /// exists" in a database's words.
  private static func message(for error: JournalError, inDatabase: Bool) -> String {
    guard inDatabase else { return error.description }
    switch error {
    case .notFound(let path):
      return "no journal at \(path) (create one there with `rapport init --postgres URI`, run as the database's"
        + " owner, or point --log or RAPPORT_LOG at another journal)"
    case .alreadyExists(let path):
      return "a journal already exists at \(path); not overwriting it"
    default: return error.description
    }
  }

  /// "Did you mean" after an unknown account id, or a value that is not one of a list of words (a
  /// touchpoint kind, a stage, a severity, a play code…), when something close exists.
  private static func hint(for error: DomainError, accounts: [String]) -> String? {
    switch error {
    case .unknownAccount(let slug): return Suggestion.line(for: slug, among: accounts)
    case .invalidValue(let field, let value, _) where field == "--kind":
      return Suggestion.line(for: value, among: TouchpointKind.allCases.map(\.rawValue))
    case .invalidValue(_, let value, let expected):
      return Suggestion.choices(in: expected).flatMap { Suggestion.line(for: value, among: $0) }
    default: return nil
    }
  }

  /// The end of a command whose output may have failed: a write to standard output that failed (a
  /// full disk, /dev/full, an I/O error) is said in one line on stderr and exits 74, whatever the
  /// command meant to return; a closed pipe (EPIPE) ends quietly, with status 0 when the command
  /// itself succeeded (its own error, when it failed, is kept).
  private static func finishStandardOutput() throws {
    switch Output.standardOutputOutcome {
    case nil, .closed: return
    case .failed(let message):
      Output.error(message)
      throw ExitCode(74)
    }
  }

  private init(options: GlobalOptions, knownAccounts: KnownAccounts) throws {
    self.options = options
    self.knownAccounts = knownAccounts
    journal = JournalLocation.journal(at: options.journalPath)
    user = options.userName
    today = try options.todayDay()
    memory = HeadMemory(path: Environment.stateHome + "/rapport/heads.tsv")
    checkpoints =
      options.usesCheckpoints ? CheckpointStore(directory: Environment.cacheHome + "/rapport/checkpoints") : nil
  }

  /// Who acts and when, for a write: now by the wall clock (the edge is where the clock is read), today
  /// as `--today` says.
  func context() -> Context { Context(now: .now(), today: today, user: user, login: journal.login) }

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
  ///
  /// Starts from the journal's checkpoint when it is valid and reads only the records after it;
  /// otherwise folds the whole journal (with a progress line on a terminal when that takes more than a
  /// second). When the open paid for a full replay or a long tail, a fresh checkpoint is written on a
  /// background thread while the command goes on, and finished before the process exits.
  func openDesk() throws -> Desk {
    guard journal.exists else { throw JournalError.notFound(path: journal.path) }
    for warning in journal.warnings() { Output.warning(warning) }
    let seenBefore = memory.snapshot()
    let indicator = ReadIndicator(buildsCheckpoint: checkpoints != nil)
    let opened = try Desk.open(journal, user: user, checkpoints: checkpoints) { indicator.show($0) }
    indicator.clear()
    let desk = opened.desk
    knownAccounts.slugs = desk.book.slugs
    if let checkpoints {
      CheckpointWriter.debug(describing: opened.opening)
      if opened.checkpointIsDue(minimumRecords: CheckpointWriter.minimumRecords) {
        checkpointWriter.save(desk, to: checkpoints)
      }
    }
    if case .replay(.untrusted(let what)?, _) = opened.opening {
      Output.warning("the checkpoint for \(journal.path) was not used: it is \(what); it will be replaced")
    }
    report(desk, seenBefore: seenBefore)
    return desk
  }

  private func report(_ desk: Desk, seenBefore: [HeadMemory.Key: HeadMemory.Entry]) {
    if !desk.problems.isEmpty {
      for problem in desk.problems.prefix(5) { Output.warning("\(journal.path): skipped \(problem)") }
      if desk.problems.count > 5 {
        Output.warning(
          "\(journal.path): \(counted(desk.problems.count - 5, "more invalid record", plural: "more invalid records")) skipped"
        )
      }
      if journal.isFile, (try? Quarantine(journal: journal).setAside(desk.problems)) ?? 0 > 0 {
        Output.warning("copies of the invalid records are in \(journal.quarantinePath); run `rapport verify`")
      }
    }
    if let problem = historyChange(of: desk, seenBefore: seenBefore) {
      Output.warning("\(journal.path): \(problem); writes are refused until then")
    }
  }

  /// What changed in the journal's history since this user last saw it, if anything: noticed now (and
  /// then remembered as an alarm) or earlier and not yet accepted.
  private func historyChange(of desk: Desk, seenBefore: [HeadMemory.Key: HeadMemory.Entry]) -> LineProblem? {
    // A database keeps its journal append-only itself: there is no head to compare against.
    guard journal.isFile, let id = desk.book.journalID else { return nil }
    let key = journal.memoryKey(journalID: id)
    guard let seen = seenBefore[key] else { return nil }
    if let alarm = seen.alarm {
      return LineProblem(seq: seen.head.seq, offset: seen.head.end, length: 0, kind: .changeNotAccepted(alarm))
    }
    guard let problem = journal.compare(seen.head, with: desk.position) else { return nil }
    memory.raiseAlarm(problem, for: key)
    return LineProblem(
      seq: seen.head.seq, offset: seen.head.end, length: 0, kind: .changeNotAccepted(problem.description))
  }

  /// Refuses a write of a record of `type` that this user may not make: with `--read-only`, while a
  /// change of history stands unaccepted, or when the journal's members do not allow it.
  func checkMayWrite(_ desk: Desk, type: String) throws {
    try checkNotReadOnly()
    try checkHistoryAccepted(desk)
    if let refusal = desk.book.members.refusal(
      toWrite: type, accountOwner: nil, by: user, login: journal.login)
    {
      throw refusal
    }
  }

  /// Why this user may not write to the journal at all, if so: for the dashboard, which then opens
  /// read-only and says why when a write key is pressed.
  func writeRefusal(for desk: Desk) -> String? {
    if options.isReadOnly { return "opened with \(options.readOnlySource)" }
    if !journal.isWritable { return "\(journal.path) is not writable by \(journal.login)" }
    let clock = Day.local(.now())
    if today > clock { return "today is taken as \(today), after the clock's date \(clock): a later today only reads" }
    do {
      try checkHistoryAccepted(desk)
    } catch {
      return "its history changed since you last saw it: run `rapport verify`, then `rapport verify --accept-rewrite`"
    }
    return desk.book.members.refusal(
      toWrite: EventType.touchpointLogged.rawValue, accountOwner: nil, by: user, login: journal.login)?
      .description
  }

  /// Refuses any write under `--read-only` (or RAPPORT_READ_ONLY=1).
  func checkNotReadOnly() throws {
    guard options.isReadOnly else { return }
    throw WriteRefused(message: "refusing to write: \(options.readOnlySource) is set, so this session only reads")
  }

  /// Refuses a write while a change of history this user noticed stands unaccepted.
  func checkHistoryAccepted(_ desk: Desk) throws {
    guard journal.isFile, let id = desk.book.journalID,
      let alarm = memory.entry(for: journal.memoryKey(journalID: id))?.alarm
    else { return }
    throw JournalError.changeNotAccepted(path: journal.path, noticed: alarm)
  }

  /// Remembers the desk's head as seen by this user.
  func remember(_ desk: Desk) {
    guard journal.isFile, let id = desk.book.journalID else { return }
    let head = HeadMemory.Head(seq: desk.position.lastSeq, end: desk.position.offset, hash: desk.position.headHash)
    memory.remember(head, for: journal.memoryKey(journalID: id))
  }

  /// Performs a command and prints what was saved.
  func perform(_ command: Command, on desk: inout Desk) throws {
    try checkNotReadOnly()
    try checkHistoryAccepted(desk)
    let path = journal.quarantinePath
    let outcome = try desk.perform(command, in: context()) { problem in
      // Said as it happens: the repair stands even when the command itself is then refused.
      Output.warning("moved an unfinished write (\(problem.reason), byte \(problem.offset)) to \(path)")
    }
    Output.savedRecords = Output.savedRecords || !outcome.records.isEmpty
    for record in outcome.records {
      Output.line("saved #\(record.seq) \(record.type)" + (record.account.map { " \($0)" } ?? "") + " id=\(record.id)")
    }
    remember(desk)
  }

  /// Opens the desk and performs one command: the common shape of every write command.
  func perform(_ makeCommand: (Desk) throws -> Command) throws {
    var desk = try openDesk()
    try perform(makeCommand(desk), on: &desk)
  }
}

/// The account ids a session's desk holds, kept for the error edge (which no longer has the desk).
final class KnownAccounts {
  var slugs: [String] = []
}
