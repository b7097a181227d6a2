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
  public var firstProblem: LineProblem? { problems.first }
}
