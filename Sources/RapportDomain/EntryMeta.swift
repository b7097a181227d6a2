import RapportJournal

/// What every journal-backed entry carries: where it came from and how it was corrected since.
///
/// Stored in 24 bytes, because every entry of a million-event book holds one: the sequence number in
/// 32 bits, the user as a number into `UserNames`, the time, and a reference to the rare parts (a
/// retraction, amendments, a sequence number beyond 32 bits) that is nil for almost every entry.
public struct EntryMeta: Sendable, Equatable {
  private var storedSeq: UInt32
  private var user: UInt32
  public var recordedAt: Timestamp
  private var rare: Rare?

  /// What few entries have, shared between copies and replaced, never mutated.
  private final class Rare: Sendable {
    let seq: Int?
    let retraction: Retraction?
    let amendments: [Int]

    init(seq: Int?, retraction: Retraction?, amendments: [Int]) {
      self.seq = seq
      self.retraction = retraction
      self.amendments = amendments
    }
  }

  public init(seq: Int, recordedBy: String, recordedAt: Timestamp) {
    self.init(seq: seq, user: UserNames.number(of: recordedBy), recordedAt: recordedAt)
  }

  package init(seq: Int, user: UInt32, recordedAt: Timestamp) {
    storedSeq = 0
    self.user = user
    self.recordedAt = recordedAt
    self.seq = seq
  }

  init(_ record: Record) { self.init(seq: record.seq, recordedBy: record.recordedBy, recordedAt: record.recordedAt) }

  public var seq: Int {
    get { storedSeq == .max ? rare?.seq ?? Int(UInt32.max) : Int(storedSeq) }
    set {
      if newValue >= 0 && newValue < Int(UInt32.max) {
        storedSeq = UInt32(newValue)
        if rare?.seq != nil { setRare(seq: nil, retraction: retraction, amendments: amendments) }
      } else {
        storedSeq = .max
        setRare(seq: newValue, retraction: retraction, amendments: amendments)
      }
    }
  }

  public var recordedBy: String {
    get { UserNames.name(of: user) }
    set { user = UserNames.number(of: newValue) }
  }

  /// `recordedBy` as its number in `UserNames`.
  package var userNumber: UInt32 { user }

  /// Set when a later `entry.retracted` names this entry.
  public var retraction: Retraction? {
    get { rare?.retraction }
    set { setRare(seq: rare?.seq, retraction: newValue, amendments: amendments) }
  }

  /// Sequence numbers of the `entry.amended` records applied to this entry, oldest first.
  public var amendments: [Int] {
    get { rare?.amendments ?? [] }
    set { setRare(seq: rare?.seq, retraction: retraction, amendments: newValue) }
  }

  public var isRetracted: Bool { rare?.retraction != nil }

  public var isAmended: Bool { !(rare?.amendments.isEmpty ?? true) }

  private mutating func setRare(seq: Int?, retraction: Retraction?, amendments: [Int]) {
    rare =
      seq == nil && retraction == nil && amendments.isEmpty
      ? nil : Rare(seq: seq, retraction: retraction, amendments: amendments)
  }

  public static func == (lhs: EntryMeta, rhs: EntryMeta) -> Bool {
    lhs.storedSeq == rhs.storedSeq && lhs.user == rhs.user && lhs.recordedAt == rhs.recordedAt
      && (lhs.rare === rhs.rare
        || (lhs.rare?.seq == rhs.rare?.seq && lhs.rare?.retraction == rhs.rare?.retraction
          && lhs.rare?.amendments == rhs.rare?.amendments))
  }
}
