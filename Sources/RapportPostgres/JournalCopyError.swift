import RapportJournal

/// Why `rapport journal copy` copied nothing.
public enum JournalCopyError: Error, Sendable, Equatable, CustomStringConvertible {
  /// The target database holds a journal already: a copy goes only into an empty one.
  case targetNotEmpty(target: String, records: Int)
  /// The connecting role may not install the schema, or may not copy into the journal's table.
  case notAllowed(target: String, reason: String)
  /// The copy, read back, is not what was read from the source (nothing was kept).
  case copyDiffers(target: String, expected: JournalCopy.Outcome, found: JournalCopy.Outcome)
  /// The copy, read back, has a problem (nothing was kept).
  case copyNotSound(target: String, problem: LineProblem)

  /// Whether the copy was refused (asking again unchanged will not help) rather than failed.
  public var isRefusal: Bool {
    switch self {
    case .targetNotEmpty, .notAllowed: true
    case .copyDiffers, .copyNotSound: false
    }
  }

  public var description: String {
    switch self {
    case .targetNotEmpty(let target, let records):
      "\(target) already holds a journal of \(records) record\(records == 1 ? "" : "s"): a copy goes only into a"
        + " database without records; nothing was changed"
    case .notAllowed(let target, let reason): "cannot copy into \(target): \(reason)"
    case .copyDiffers(let target, let expected, let found):
      "the copy in \(target) is not what was read (read \(expected.records) records, last #\(expected.lastSeq), head"
        + " \(expected.headHash); the copy holds \(found.records), last #\(found.lastSeq), head \(found.headHash));"
        + " it was not kept"
    case .copyNotSound(let target, let problem): "the copy in \(target) is not sound (\(problem)); it was not kept"
    }
  }
}
