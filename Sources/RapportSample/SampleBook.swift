import RapportDomain
import RapportJournal

/// Generates a believable book of business, day by day, deterministically from a seed: for the demo and
/// for benchmarks. Some accounts thrive, some drift (touchpoints thin out, usage falls, tickets pile up),
/// one has no owner.
public struct SampleBook: Sendable {
  public var accounts: Int
  public var firstDay: Day
  public var lastDay: Day
  public var owners: [String]
  public var seed: UInt64
  /// Stop after this many events (nil: run to `lastDay`).
  public var limit: Int?
  /// Whether free text (touchpoint summaries, task and value-note texts) is made distinct, as people's
  /// notes are, by naming the account, the contact and the day: the worst case for memory, where the
  /// default's repeated phrases are shared. The random choices are the same either way.
  public var distinctText = false

  public init(accounts: Int, firstDay: Day, lastDay: Day, owners: [String], seed: UInt64 = 42, limit: Int? = nil) {
    self.accounts = accounts
    self.firstDay = firstDay
    self.lastDay = lastDay
    self.owners = owners
    self.seed = seed
    self.limit = limit
  }

  /// Emits events in time order. Sequence numbers are assumed to follow the journal's first record
  /// (the generator completes tasks by the seq their `task.created` record will get).
  public func generate(_ emit: (EventDraft, Timestamp, String) throws -> Void) throws {
    var random = SplitMix(seed: seed)
    var states = (0..<accounts).map { SampleAccount(index: $0, book: self, random: &random) }
    var emitted = 0
    var day = firstDay
    while day <= lastDay {
      for index in states.indices {
        for (draft, user) in states[index].events(on: day, book: self, random: &random) {
          let time = Timestamp(
            milliseconds: Int64(day.number) * 86_400_000 + Int64(random.next(below: 36_000_000)) + 28_800_000)
          try emit(draft, time, user)
          emitted += 1
          if draft.type == EventType.taskCreated.rawValue {
            states[index].taskCreated(seq: emitted + 1, on: day, random: &random)
          }
          if let limit, emitted >= limit { return }
        }
      }
      day = day.adding(days: 1)
    }
  }
}

/// A small, fast, seedable random number generator (SplitMix64).
struct SplitMix: RandomNumberGenerator {
  private var state: UInt64

  init(seed: UInt64) { state = seed }

  mutating func next() -> UInt64 {
    state &+= 0x9E37_79B9_7F4A_7C15
    var z = state
    z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
    z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
    return z ^ (z >> 31)
  }

  mutating func next(below bound: Int) -> Int { Int(next() % UInt64(max(1, bound))) }

  mutating func chance(_ probability: Double) -> Bool { Double(next() % 1_000_000) / 1_000_000 < probability }

  mutating func pick<T>(_ items: [T]) -> T { items[next(below: items.count)] }
}
