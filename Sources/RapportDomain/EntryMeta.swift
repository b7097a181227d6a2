import RapportJournal

/// What every journal-backed entry carries: where it came from and how it was corrected since.
///
/// Stored in 24 bytes and no object, because every entry of a million-event book holds one and a
/// checkpoint's entries are used where they lie in the mapped file (`MappableEntry`): the sequence
/// number in 32 bits, the user as a number into `UserNames`, the time, and the number of its rare parts
/// in `RareParts` (a retraction, amendments, a sequence number beyond 32 bits), 0 for almost every
/// entry.
public struct EntryMeta: Sendable, Equatable, MappableEntry {
  private var storedSeq: UInt32
  private var user: UInt32
  public var recordedAt: Timestamp
  private var rare: UInt32 = 0

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

  private var rareValue: RareParts.Value { RareParts.value(rare) }

  public var seq: Int {
    get { storedSeq == .max ? rareValue.seq ?? Int(UInt32.max) : Int(storedSeq) }
    set {
      if rare == 0, newValue >= 0, newValue < Int(UInt32.max) {
        // Every entry a replay makes: no rare parts to read, build and drop again.
        storedSeq = UInt32(newValue)
        return
      }
      var value = rareValue
      if newValue >= 0 && newValue < Int(UInt32.max) {
        storedSeq = UInt32(newValue)
        guard value.seq != nil else { return }
        value.seq = nil
      } else {
        storedSeq = .max
        value.seq = newValue
      }
      rare = RareParts.store(value)
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
    get { rare == 0 ? nil : rareValue.retraction }
    set {
      var value = rareValue
      value.retraction = newValue
      rare = RareParts.store(value)
    }
  }

  /// Sequence numbers of the `entry.amended` records applied to this entry, oldest first.
  public var amendments: [Int] {
    get { rare == 0 ? [] : rareValue.amendments }
    set {
      var value = rareValue
      value.amendments = newValue
      rare = RareParts.store(value)
    }
  }

  public var isRetracted: Bool { rare != 0 && rareValue.retraction != nil }

  public var isAmended: Bool { rare != 0 && !rareValue.amendments.isEmpty }

  public func portable(in references: inout PortableReferences) -> EntryMeta {
    var meta = self
    meta.user = references.user(user)
    meta.rare = references.rare(rare)
    return meta
  }

  public func relocated(by relocation: Relocation) -> EntryMeta {
    var meta = self
    meta.user = relocation.user(user)
    meta.rare = relocation.rare(rare)
    return meta
  }

  public static func == (lhs: EntryMeta, rhs: EntryMeta) -> Bool {
    lhs.storedSeq == rhs.storedSeq && lhs.user == rhs.user && lhs.recordedAt == rhs.recordedAt
      && (lhs.rare == rhs.rare || lhs.rareValue == rhs.rareValue)
  }
}
