import ArgumentParser
import RapportJournal

struct VerifyCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "verify", abstract: "Check the whole journal: every record, the hash chain, the sequence.",
    discussion: "Exits 0 when sound; 1, naming the first bad record by sequence number and byte offset, when not.")
  @OptionGroup var globals: GlobalOptions
  @Option(help: "text or json.") var format: OutputFormat = .text

  func run() throws {
    try Session.run(globals) { session in
      guard session.journal.exists else { throw JournalError.notFound(path: session.journal.path) }
      let report = try session.journal.verify(memory: session.memory)
      switch format {
      case .json: Output.json(json(report))
      case .text:
        if let first = report.firstProblem {
          Output.line(
            "\(report.path): NOT sound: first bad record \(first.seq) at byte \(first.offset): \(first.reason)")
          if report.problems.count > 1 { Output.line("\(report.problems.count - 1) more problem(s):") }
          for problem in report.problems.dropFirst().prefix(20) { Output.line("  \(problem)") }
        } else {
          Output.line(
            "\(report.path): sound, \(report.records) records, last #\(report.lastSeq), head \(report.headHash)")
        }
      }
      if !report.isSound { throw ExitCode(1) }
    }
  }

  private func json(_ report: VerificationReport) -> JSONValue {
    .object(
      JSONObject([
        ("journal", .string(report.path)), ("sound", .bool(report.isSound)),
        ("records", .number(Double(report.records))),
        ("last_seq", .number(Double(report.lastSeq))), ("head", .string(report.headHash)),
        ("bytes", .number(Double(report.bytes))),
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
