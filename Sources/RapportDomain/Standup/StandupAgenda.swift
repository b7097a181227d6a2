/// What a weekly standup reviews, built from the state: the accounts that need the meeting — unowned,
/// red, score fell since the last standup, renewal at risk, renewal overdue, an NPS detractor not yet
/// followed up — each once, under its first reason, with everything that changed since the last
/// standup that did not leave it for later. `all` adds every other account (not churned) after them.
public struct StandupAgenda: Sendable, Equatable {
  public enum Reason: String, Sendable, CaseIterable, Comparable {
    case unowned, red, fell
    case renewalAtRisk = "renewal-at-risk"
    case renewalOverdue = "renewal-overdue"
    case detractor = "detractor-open"

    public var label: String {
      switch self {
      case .unowned: return "no owner"
      case .red: return "red"
      case .fell: return "score fell"
      case .renewalAtRisk: return "renewal at risk"
      case .renewalOverdue: return "renewal overdue"
      case .detractor: return "detractor not followed up"
      }
    }

    public static func < (left: Reason, right: Reason) -> Bool {
      allCases.firstIndex(of: left) ?? 0 < allCases.firstIndex(of: right) ?? 0
    }
  }

  /// One card of the standup.
  public struct Item: Sendable, Equatable {
    public var assessment: Assessment
    /// Why the account is on the agenda, most pressing first (empty: shown with `A`, or no longer).
    public var reasons: [Reason]
    /// What happened to the account since `since`, oldest first, in words.
    public var changes: [String]
    /// The last standup that did not leave this account for later (its changes count from there); nil
    /// when none did.
    public var previous: Standup?
    /// The day its changes are counted from.
    public var since: Day
    public let today: Day

    public var account: Account { assessment.account }
    public var overduePlays: [Play] { assessment.plays.filter { $0.isOverdue(on: today) } }
    public var openPlays: [Play] { assessment.plays.filter { !$0.isOverdue(on: today) } }

    /// "since the standup of 2026-11-16" or "since 2026-11-16".
    public var sinceText: String { previous.map { "since the standup of \($0.day)" } ?? "since \(since)" }
  }

  public let today: Day
  /// The last standup held; nil before the first one (the score's fall is counted since it).
  public let previous: Standup?
  /// The day the scores' fall is counted from (and the changes of accounts no standup reviewed yet).
  public let since: Day
  public let owner: String?
  /// Whether every account is on it (`A`), not only those that need the meeting.
  public let all: Bool
  public let items: [Item]

  /// The agenda for `owner`'s accounts (everyone's when nil); `byOwner` keeps each owner's accounts
  /// together (unowned first, then owners by name), in agenda order within each owner. `fixed` keeps a
  /// standup's accounts and order while it runs (their data refreshed, even when no reason is left).
  public init(
    book: Book, today: Day, owner: String? = nil, byOwner: Bool = false, all: Bool = false, fixed: [String]? = nil
  ) {
    self.today = today
    self.owner = owner
    self.all = all
    let previous = book.standups.last { $0.day <= today }
    self.previous = previous
    let since = previous?.day ?? today.adding(days: -ActionItem.defaultDays)
    self.since = since
    // Before any standup reviewed an account, its changes count from a week before the first standup.
    let firstSince = (book.standups.first?.day ?? today).adding(days: -ActionItem.defaultDays)
    let assessor = Assessor(book: book, today: today, trendDays: max(1, today.days(since: since)))
    let item = { (assessment: Assessment, reasons: [Reason]) in
      let slug = assessment.account.slug
      let last = book.standups.last { $0.day <= today && !$0.left(slug) }
      let from = last?.day ?? firstSince
      return Item(
        assessment: assessment, reasons: reasons,
        changes: StandupChanges.describe(assessment.account, in: book, after: last, since: from), previous: last,
        since: from, today: today)
    }
    if let fixed {
      // A running standup refreshes its own cards only (each poll while it shows), not the whole board.
      let cards = fixed.compactMap { slug in
        book.accounts[slug].map { assessor.assess($0) }.map { item($0, Self.reasons($0, today: today)) }
      }
      items = byOwner ? Self.groupedByOwner(cards) : cards
      return
    }
    var needed: [Item] = []
    var others: [Item] = []
    for assessment in assessor.board() where assessment.account.stage != .churned {
      guard owner == nil || assessment.account.owner == owner else { continue }
      let reasons = Self.reasons(assessment, today: today)
      if !reasons.isEmpty {
        needed.append(item(assessment, reasons))
      } else if all {
        others.append(item(assessment, reasons))
      }
    }
    // Stable: the board's worst-first order within a reason.
    needed = needed.enumerated().sorted { left, right in
      (left.element.reasons[0], left.offset) < (right.element.reasons[0], right.offset)
    }.map(\.element)
    items = byOwner ? Self.groupedByOwner(needed + others) : needed + others
  }

  /// Each owner's accounts together, unowned first, then owners by name; the order kept within each.
  static func groupedByOwner(_ items: [Item]) -> [Item] {
    items.enumerated().sorted { left, right in
      (left.element.account.owner ?? "", left.offset) < (right.element.account.owner ?? "", right.offset)
    }.map(\.element)
  }

  /// Why the account needs the meeting, most pressing first; empty when it does not.
  public static func reasons(_ assessment: Assessment, today: Day) -> [Reason] {
    var reasons: [Reason] = []
    if assessment.account.owner == nil { reasons.append(.unowned) }
    if assessment.health.health == .red { reasons.append(.red) }
    if assessment.trend.direction == .down { reasons.append(.fell) }
    if assessment.alerts.contains(.renewalAtRisk) { reasons.append(.renewalAtRisk) }
    if assessment.alerts.contains(.renewalOverdue) { reasons.append(.renewalOverdue) }
    if assessment.alerts.contains(.detractorOpen) { reasons.append(.detractor) }
    return reasons
  }
}
