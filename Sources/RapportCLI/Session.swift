import ArgumentParser
import Dispatch
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
  /// Where checkpoints are read and written; nil with --no-checkpoint or RAPPORT_NO_CHECKPOINT=1.
  let checkpoints: CheckpointStore?
  let checkpointWriter = CheckpointWriter()

  static func run(_ options: GlobalOptions, _ body: (Session) throws -> Void) throws {
    signal(SIGXFSZ, SIG_IGN)
    // A reader that goes away (`rapport board | head -1`) makes write(2) fail with EPIPE instead of
    // killing the process: the command then ends as it would (the checkpoint being written is
    // finished) and quietly (see `finishStandardOutput`).
    signal(SIGPIPE, SIG_IGN)
    do {
      try runReportingErrors(options, body)
    } catch {
      try finishStandardOutput()
      throw error
    }
    try finishStandardOutput()
  }

  private static func runReportingErrors(_ options: GlobalOptions, _ body: (Session) throws -> Void) throws {
    do {
      let session = try Session(options: options)
      // A checkpoint being written in the background is finished before the process exits.
      defer { session.checkpointWriter.wait() }
      try body(session)
    } catch let error as DomainError {
      Output.error(error.description)
      throw ExitCode(65)
    } catch let error as JournalError {
      Output.error(error.description)
      throw ExitCode(74)
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

  private init(options: GlobalOptions) throws {
    self.options = options
    journal = Journal(path: options.journalPath)
    user = options.userName
    today = try options.todayDay()
    memory = HeadMemory(path: Environment.stateHome + "/rapport/heads.tsv")
    checkpoints =
      options.usesCheckpoints ? CheckpointStore(directory: Environment.cacheHome + "/rapport/checkpoints") : nil
  }

  /// Who acts and when, for a write: now by the wall clock (the edge is where the clock is read), today
  /// as `--today` says.
  func context() -> Context { Context(now: .now(), today: today, user: user) }

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
  ///
  /// A command's desk is kept until the process exits (see `KeptUntilExit`) unless `keepingUntilExit`
  /// is false: the dashboard, which lives on and changes its desk, passes false.
  func openDesk(keepingUntilExit: Bool = true) throws -> Desk {
    guard journal.exists else { throw JournalError.notFound(path: journal.path) }
    for warning in journal.warnings() { Output.warning(warning) }
    let seenBefore = memory.snapshot()
    let indicator = ReadIndicator(buildsCheckpoint: checkpoints != nil)
    let desk = try Desk.open(journal, user: user, checkpoints: checkpoints) { indicator.show($0) }
    indicator.clear()
    if let checkpoints {
      CheckpointWriter.debug(describing: desk.opening)
      if desk.checkpointIsDue(minimumRecords: CheckpointWriter.minimumRecords) {
        checkpointWriter.save(desk, to: checkpoints)
      }
    }
    report(desk, seenBefore: seenBefore)
    if keepingUntilExit { KeptUntilExit.desks.append(desk) }
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
    // The desk is about to change: a kept copy would make it copy its storage first.
    KeptUntilExit.desks.removeAll()
    let path = journal.quarantinePath
    let outcome = try desk.perform(command, in: context()) { problem in
      // Said as it happens: the repair stands even when the command itself is then refused.
      Output.warning("moved an unfinished write (\(problem.reason), byte \(problem.offset)) to \(path)")
    }
    Output.savedRecords = Output.savedRecords || !outcome.records.isEmpty
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

/// The desks a command opened, never released: a short-lived process exits without freeing a book of
/// a million entries one object at a time (that took about a tenth of `rapport board` from a
/// checkpoint). Only the main thread touches it.
enum KeptUntilExit {
  nonisolated(unsafe) static var desks: [Desk] = []
}

/// Writes checkpoints off the command's path: on a background thread, so a command prints (and the
/// dashboard shows its first frame) while the checkpoint is encoded and flushed; `wait()` before exit.
/// A failure to write is only a lost optimisation: it is said on stderr, never fatal.
final class CheckpointWriter: @unchecked Sendable {
  private let group = DispatchGroup()

  /// The smallest full replay worth a checkpoint (RAPPORT_CHECKPOINT_MIN_RECORDS, default 10,000):
  /// below it a replay takes a few milliseconds.
  static let minimumRecords: Int = Environment.value("RAPPORT_CHECKPOINT_MIN_RECORDS").flatMap { Int($0) } ?? 10_000

  /// RAPPORT_CHECKPOINT_DEBUG=1 says on stderr how each open went and what was written (for tests).
  static let isDebugging: Bool = Environment.value("RAPPORT_CHECKPOINT_DEBUG").map { !$0.isEmpty && $0 != "0" } ?? false

  func save(_ desk: Desk, to store: CheckpointStore) {
    group.enter()
    DispatchQueue.global(qos: .utility).async { [group] in
      defer { group.leave() }
      do {
        let saved = try desk.saveCheckpoint(to: store)
        if Self.isDebugging {
          Output.note(
            saved.map { "checkpoint: written at seq \($0.seq), \($0.bytes) bytes" }
              ?? "checkpoint: another process is writing one")
        }
      } catch {
        Output.warning("could not write a checkpoint in \(store.directory): \(error)")
      }
    }
  }

  func wait() { group.wait() }

  static func debug(describing opening: DeskOpening) {
    guard isDebugging else { return }
    switch opening {
    case .checkpoint(let seq, let records, _):
      Output.note("checkpoint: used at seq \(seq), \(records) records after it")
    case .replay(let reason, let records):
      Output.note(
        "checkpoint: rebuilt (\(reason.map(String.init(describing:)) ?? "none asked for")), \(records) records")
    }
  }
}

/// A one-line progress indicator on stderr for a long read: shown only on a terminal, and only once
/// the read has taken a second; erased when it ends.
final class ReadIndicator {
  private let enabled = isatty(STDERR_FILENO) == 1
  private let start = ReadIndicator.now()
  private var lastDrawn = -1.0
  private let buildsCheckpoint: Bool

  init(buildsCheckpoint: Bool) { self.buildsCheckpoint = buildsCheckpoint }

  static func now() -> Double {
    var time = timespec()
    clock_gettime(CLOCK_MONOTONIC, &time)
    return Double(time.tv_sec) + Double(time.tv_nsec) / 1e9
  }

  func show(_ progress: ReadProgress) {
    guard enabled else { return }
    let now = Self.now()
    guard now - start >= 1, now - lastDrawn >= 0.1 else { return }
    lastDrawn = now
    let percent = Int(progress.fraction * 100)
    let what =
      progress.isFullReplay && buildsCheckpoint ? "reading the journal (building a checkpoint)" : "reading the journal"
    put("\r\u{1B}[Krapport: \(what): \(percent)%, \(progress.records) records")
  }

  func clear() {
    if lastDrawn >= 0 { put("\r\u{1B}[K") }
  }

  private func put(_ text: String) {
    let bytes = Array(text.utf8)
    _ = bytes.withUnsafeBytes { Glibc.write(STDERR_FILENO, $0.baseAddress, $0.count) }
  }
}
