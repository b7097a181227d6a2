import ArgumentParser
import RapportCheckpoint
import RapportDomain
import RapportJournal

struct VerifyCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "verify", abstract: "Check the whole journal: every record, the hash chain, the sequence.",
    discussion: """
      Exits 0 when sound; 1, naming the first bad record by sequence number and byte offset, when not.

      Each user's last view of the journal is remembered: a journal cut short or rewritten since is not \
      sound for that user (and their writes are refused) until they read what changed and run \
      `rapport verify --accept-rewrite`.
      """)
  @OptionGroup var globals: GlobalOptions
  @Option(help: "text or json.") var format: OutputFormat = .text
  @Flag(
    name: .customLong("accept-rewrite"),
    help: "Take the journal as it is now as the truth, after reading what changed (only when its records are sound).")
  var acceptRewrite = false

  func run() throws {
    try Session.run(globals) { session in
      guard session.journal.exists else { throw JournalError.notFound(path: session.journal.path) }
      // Only a journal with members has rules a record can break, and only folding the whole book
      // finds them: a journal without one is checked without holding a book at all.
      var holdsMembers = false
      var report = try session.journal.verify(memory: session.memory, acceptingRewrite: acceptRewrite) { record in
        if record.type == EventType.memberAdded.rawValue { holdsMembers = true }
      }
      if holdsMembers { report.include(try identityProblems(session)) }
      switch format {
      case .json: Output.json(json(report))
      case .text:
        if let first = report.firstProblem {
          Output.line(
            "\(report.path): NOT sound: first bad record \(first.seq) at byte \(first.offset): \(first.reason)")
          if report.problems.count > 1 {
            Output.line("\(counted(report.problems.count - 1, "more problem", plural: "more problems")):")
          }
          for problem in report.problems.dropFirst().prefix(20) { Output.line("  \(problem)") }
        } else {
          if report.acceptedRewrite {
            Output.line("\(report.path): the changed history is accepted as seen now (up to #\(report.lastSeq))")
          }
          Output.line(
            "\(report.path): sound, \(counted(report.records, "record")), last #\(report.lastSeq), head \(report.headHash)"
          )
        }
      }
      if !report.isSound { throw ExitCode(1) }
    }
  }

  /// The records written against the journal's members, as problems (read from the book, so from the
  /// checkpoint when there is one).
  private func identityProblems(_ session: Session) throws -> [LineProblem] {
    let desk = try Desk.open(session.journal, user: session.user, checkpoints: session.checkpoints) { _ in }.desk
    return desk.book.identityViolations.map { violation in
      LineProblem(
        seq: violation.seq, offset: violation.offset, length: 0, kind: .writerNotAllowed(violation.description))
    }
  }

  private func json(_ report: VerificationReport) -> JSONValue {
    .object(
      JSONObject([
        ("journal", .string(report.path)), ("sound", .bool(report.isSound)),
        ("records", .number(Double(report.records))),
        ("last_seq", .number(Double(report.lastSeq))), ("head", .string(report.headHash)),
        ("bytes", .number(Double(report.bytes))), ("accepted_rewrite", .bool(report.acceptedRewrite)),
        (
          "problems",
          .array(
            report.problems.map { problem in
              .object(
                JSONObject([
                  ("seq", .number(Double(problem.seq))), ("offset", .number(Double(problem.offset))),
                  ("reason", .string(problem.reason)),
                ]))
            })
        ),
      ]))
  }
}
