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
