import RapportDomain

/// The due screen's plays as shown: the user's and everyone's, narrowed by the screen's filter (by
/// account name, id, owner or play). Kept by the projection with the due lists: a key that moves the
/// cursor filters nothing, and a longer filter narrows what the shorter one matched.
struct DueMatches {
  /// How far past due a play is stale (grouped apart at the end of the list): a year.
  static let staleDays = 365

  /// The filter the lists were narrowed with, lowercased UTF-8 (empty: every play).
  private(set) var needle: [UInt8] = []
  private(set) var mine: [Play] = []
  private(set) var everyone: [Play] = []
  /// Lowercased "name id owner code title" per play of the full lists (built by the first filter).
  private var mineKeys: [[UInt8]] = []
  private var everyoneKeys: [[UInt8]] = []
  /// Indices into the full lists of the plays shown.
  private var mineHits: [Int] = []
  private var everyoneHits: [Int] = []

  init() {}

  /// Narrows `due` with `text` (any case).
  mutating func filter(_ text: String, due: DuePlays, book: Book) {
    let needle = Array(text.lowercased().utf8)
    guard !needle.isEmpty else {
      self = DueMatches()
      mine = due.mine
      everyone = due.everyone
      return
    }
    if mineKeys.count != due.mine.count || everyoneKeys.count != due.everyone.count {
      mineKeys = due.mine.map { Self.key($0, book) }
      everyoneKeys = due.everyone.map { Self.key($0, book) }
      self.needle = []
    }
    let narrowing = !self.needle.isEmpty && needle.starts(with: self.needle)
    mineHits = (narrowing ? mineHits : Array(due.mine.indices)).filter { Projection.search(mineKeys[$0], for: needle) }
    everyoneHits = (narrowing ? everyoneHits : Array(due.everyone.indices)).filter {
      Projection.search(everyoneKeys[$0], for: needle)
    }
    mine = mineHits.map { due.mine[$0] }
    everyone = everyoneHits.map { due.everyone[$0] }
    self.needle = needle
  }

  /// Forgets the keys (the due lists changed); the filter stays.
  mutating func invalidate() {
    mineKeys = []
    everyoneKeys = []
  }

  var text: String { String(decoding: needle, as: UTF8.self) }

  /// What the filter looks in: the account's name and id, the play's owner, code and title.
  static func key(_ play: Play, _ book: Book) -> [UInt8] {
    let name = book.accounts[play.account]?.name ?? ""
    let words = [name, play.account, play.owner ?? "", play.managedBy ?? "", play.code.rawValue, play.title]
    return Array(words.joined(separator: " ").lowercased().utf8)
  }

  // MARK: Urgency

  /// The due screen's sections, in order: overdue (most overdue first), not yet due (soonest first),
  /// stale (overdue more than a year, apart at the end).
  static func urgency(_ play: Play, on today: Day) -> Int {
    guard play.isOverdue(on: today) else { return 1 }
    return play.daysLate(on: today) > staleDays ? 2 : 0
  }

  /// Where the stale plays start in `plays` (in the due order): the count when there are none.
  static func staleStart(_ plays: [Play], on today: Day) -> Int { start(of: 2, in: plays, on: today) }

  /// Overdue plays in `plays` (in the due order), stale ones included.
  static func overdue(_ plays: [Play], on today: Day) -> Int {
    start(of: 1, in: plays, on: today) + plays.count - staleStart(plays, on: today)
  }

  /// The first index of `plays` whose urgency is `urgency` or more (binary search: they are in order).
  private static func start(of urgency: Int, in plays: [Play], on today: Day) -> Int {
    var low = 0
    var high = plays.count
    while low < high {
      let middle = (low + high) / 2
      if Self.urgency(plays[middle], on: today) < urgency { low = middle + 1 } else { high = middle }
    }
    return low
  }
}
