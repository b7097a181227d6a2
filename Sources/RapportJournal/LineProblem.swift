/// A line of the journal that could not be accepted, and why.
public struct LineProblem: Sendable, Equatable, CustomStringConvertible {
  public enum Kind: Sendable, Equatable {
    case malformed(String)
    case checksumMismatch
    /// The line carries `found` where `expected` belonged: a deleted, duplicated or reordered record.
    case sequence(expected: Int, found: Int)
    /// The first record is not a `journal.created` record.
    case notGenesis
    /// Part of a batch whose last record never arrived: a writer died mid-batch.
    case incompleteBatch
    /// The file ends without a newline: a writer died mid-append, or the file was truncated.
    case torn
    /// The journal ends before a record this user saw earlier: records were cut from the end.
    case missing(through: Int)
    /// The record at this sequence number is not the one this user saw earlier: history was rewritten.
    case rewritten
    /// A removal or rewrite noticed earlier (described) that this user has not accepted yet.
    case changeNotAccepted(String)
    /// A sound record its writer was not allowed to write under the journal's members (why).
    case writerNotAllowed(String)
  }

  /// The sequence number expected at this place in the journal.
  public var seq: Int
  /// Byte offset of the line's first byte.
  public var offset: UInt64
  /// Length of the line in bytes, without its newline.
  public var length: Int
  public var kind: Kind

  public init(seq: Int, offset: UInt64, length: Int, kind: Kind) {
    self.seq = seq
    self.offset = offset
    self.length = length
    self.kind = kind
  }

  public var reason: String {
    switch kind {
    case .malformed(let detail): return "malformed record: \(detail)"
    case .checksumMismatch:
      return "checksum mismatch: the record was altered, or the record before it was changed, removed or moved"
    case .sequence(let expected, let found):
      return found > expected
        ? "sequence gap: expected record \(expected), found \(found) (records removed)"
        : "sequence out of order: expected record \(expected), found \(found) (records moved or duplicated)"
    case .notGenesis: return "the first record is not a journal.created record"
    case .incompleteBatch: return "incomplete batch: a writer stopped before the batch's last record"
    case .torn: return "incomplete last line: a writer stopped mid-append or the file was truncated"
    case .missing(let through):
      return "records \(seq)…\(through) are missing: this user saw the journal up to record \(through) before"
    case .rewritten: return "differs from the record this user saw before: the history was rewritten"
    case .writerNotAllowed(let why): return "written against the journal's members: \(why)"
    case .changeNotAccepted(let noticed):
      return "the history changed since this user last saw it (noticed: \(noticed)); read what changed, then run"
        + " `rapport verify --accept-rewrite`"
    }
  }

  public var description: String { "record \(seq) at byte \(offset): \(reason)" }
}
