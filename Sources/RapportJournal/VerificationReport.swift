/// What `Journal.verify` found.
public struct VerificationReport: Sendable, Equatable {
  public var path: String
  /// The UUID of the journal's first record, which names the journal.
  public var journalID: String?
  /// Records accepted.
  public var records: Int
  public var lastSeq: Int
  public var headHash: String
  /// Bytes covered by complete lines.
  public var bytes: UInt64
  /// Every problem, ordered by position; the first is the first bad record.
  public var problems: [LineProblem]
  /// Whether this verification took a changed history as the truth (`--accept-rewrite`).
  public var acceptedRewrite = false

  public var isSound: Bool { problems.isEmpty }

  /// Adds problems found elsewhere (records written against the members' rules), in file order.
  public mutating func include(_ more: [LineProblem]) {
    problems.append(contentsOf: more)
    problems.sort { $0.offset < $1.offset || ($0.offset == $1.offset && $0.seq < $1.seq) }
  }
  public var firstProblem: LineProblem? { problems.first }
}
