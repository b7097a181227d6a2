/// `Book.entries`: what each record created (`EntryRef?`), indexed by sequence number, packed in 8
/// bytes a record (an optional enum with two `Int`s would take 24). The low byte is the case, then the
/// account position (24 bits) and the index in its list (32 bits), or a task id (56 bits), or an event
/// type; what does not fit (never, in practice) is kept aside in a dictionary.
package struct EntryTable: Sendable, Equatable {
  private var packed = BookList<UInt64>()
  private var overflow: [Int: EntryRef] = [:]

  private static let none: UInt64 = 0
  private static let overflowTag: UInt64 = 14
  private static let types = EventType.allCases

  init() {}

  var count: Int { packed.count }

  mutating func reserveCapacity(_ capacity: Int) { packed.reserveCapacity(capacity) }

  subscript(seq: Int) -> EntryRef? {
    get { seq >= 0 && seq < packed.count ? decode(packed[seq], seq) : nil }
    set {
      guard seq >= 0 else { return }
      // The fold sets each next number in turn: one append, not a sequence of one (a tenth of the call).
      if seq == packed.count {
        packed.append(Self.none)
      } else if seq > packed.count {
        packed.append(contentsOf: repeatElement(Self.none, count: seq - packed.count + 1))
      }
      if packed[seq] == Self.overflowTag { overflow[seq] = nil }
      packed[seq] = pack(newValue, seq)
    }
  }

  /// Adds the entry of the next sequence number.
  mutating func append(_ ref: EntryRef?) { packed.append(pack(ref, packed.count)) }

  private mutating func pack(_ ref: EntryRef?, _ seq: Int) -> UInt64 {
    guard let ref else { return Self.none }
    if let word = Self.word(ref) { return word }
    overflow[seq] = ref
    return Self.overflowTag
  }

  private static func word(_ ref: EntryRef) -> UInt64? {
    switch ref {
    case .contact(let account, let index): pair(1, account, index)
    case .touchpoint(let account, let index): pair(2, account, index)
    case .nps(let account, let index): pair(3, account, index)
    case .usage(let account, let index): pair(4, account, index)
    case .ticket(let account, let index): pair(5, account, index)
    case .ticketClosing(let account, let index): pair(6, account, index)
    case .criterion(let account, let index): pair(7, account, index)
    case .criterionMeeting(let account, let index): pair(8, account, index)
    case .valueNote(let account, let index): pair(9, account, index)
    case .qbr(let account, let index): pair(10, account, index)
    case .task(let id): id >= 0 && id < 1 << 56 ? 11 | UInt64(id) << 8 : nil
    case .taskCompletion(let id): id >= 0 && id < 1 << 56 ? 12 | UInt64(id) << 8 : nil
    case .fixed(let type): EventType(name: type).flatMap { types.firstIndex(of: $0) }.map { 13 | UInt64($0) << 8 }
    }
  }

  private static func pair(_ tag: UInt64, _ account: Int, _ index: Int) -> UInt64? {
    guard account >= 0, account < 1 << 24, index >= 0, index <= Int(UInt32.max) else { return nil }
    return tag | UInt64(account) << 8 | UInt64(index) << 32
  }

  private func decode(_ word: UInt64, _ seq: Int) -> EntryRef? {
    let account = Int(word >> 8 & 0xFF_FFFF)
    let index = Int(word >> 32)
    let tag = UInt8(word & 0xFF)
    switch tag {
    case 0: return nil
    case 1...10: return EntryRef.pair(tag: tag, account: account, index: index)
    case 11: return .task(Int(word >> 8))
    case 12: return .taskCompletion(Int(word >> 8))
    case 13:
      let type = Int(word >> 8)
      return type < Self.types.count ? .fixed(type: Self.types[type].rawValue) : nil
    default: return overflow[seq]
    }
  }

  // MARK: The checkpoint's form

  /// The packed words, for the checkpoint (native byte order: a checkpoint never leaves the build that
  /// wrote it), and the entries kept aside.
  package var words: (packed: BookList<UInt64>, overflow: [Int: EntryRef]) { (packed, overflow) }

  /// A table from the words of `words` (a checkpoint's, mapped); check it with
  /// `firstInvalidWord(accounts:)` before use.
  package init(packed: BookList<UInt64>, overflow: [Int: EntryRef]) {
    self.packed = packed
    self.packed.reserveCapacity(packed.count + Self.headroom(packed.count))
    self.overflow = overflow
  }

  /// Room for the records appended after a checkpoint is read. Without it the first record a viewer
  /// folds copies the whole table into a new, twice as large allocation, page faults and all, in every
  /// dashboard at once. Untouched capacity costs no memory.
  static func headroom(_ count: Int) -> Int { max(4096, count / 8) }

  /// The first record whose word is not one this build writes for a book of `accounts` accounts.
  package func firstInvalidWord(accounts: Int) -> Int? {
    let typeCount = UInt64(Self.types.count)
    let accountLimit = UInt64(accounts)
    return packed.firstPosition { seq, word in
      switch word & 0xFF {
      case 0, 11, 12: return false
      case 1...10: return word >> 8 & 0xFF_FFFF >= accountLimit
      case 13: return word >> 8 >= typeCount
      case Self.overflowTag: return overflow[seq] == nil
      default: return true
      }
    }
  }
}
