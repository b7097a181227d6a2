import RapportJournal

/// What every journal-backed entry carries: where it came from and how it was corrected since.
public struct EntryMeta: Sendable, Equatable {
  public var seq: Int
  public var recordedBy: String
  public var recordedAt: Timestamp
  /// Set when a later `entry.retracted` names this entry.
  public var retraction: Retraction?
  /// Sequence numbers of the `entry.amended` records applied to this entry, oldest first.
  public var amendments: [Int] = []

  public init(seq: Int, recordedBy: String, recordedAt: Timestamp) {
    self.seq = seq
    self.recordedBy = recordedBy
    self.recordedAt = recordedAt
  }

  init(_ record: Record) { self.init(seq: record.seq, recordedBy: record.recordedBy, recordedAt: record.recordedAt) }

  public var isRetracted: Bool { retraction != nil }
}

/// A later record that withdrew an entry.
public struct Retraction: Sendable, Equatable {
  public var seq: Int
  public var reason: String?
  public var by: String
}

/// An entry that can be amended: it re-reads its fields from its data merged with the changes, so an
/// amendment is validated exactly like the original.
protocol AmendableEntry {
  var meta: EntryMeta { get set }
  var data: JSONObject { get }
  init(meta: EntryMeta, data: JSONObject) throws(DomainError)
  static var amendableFields: [String] { get }
  /// Carries over what later records added to the entry (a closing, a completion, links), which its
  /// own data does not hold, when an amendment rebuilds it.
  mutating func keepState(of original: Self)
}

extension AmendableEntry {
  mutating func keepState(of original: Self) {}
}
