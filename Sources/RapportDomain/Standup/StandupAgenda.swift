/// What a weekly standup reviews, built from the state: unowned accounts, then red ones, then those
/// whose score fell since the last standup, renewals at risk, and accounts with overdue plays. Each
/// account appears once, under its first reason, with everything that changed since the last standup.
public struct StandupAgenda: Sendable, Equatable {
  public enum Reason: String, Sendable, CaseIterable, Comparable {
    case unowned, red, fell
    case renewalAtRisk = "renewal-at-risk"
    case overduePlays = "overdue-plays"

    public var label: String {
      switch self {
      case .unowned: return "no owner"
      case .red: return "red"
      case .fell: return "score fell"
      case .renewalAtRisk: return "renewal at risk"
      case .overduePlays: return "overdue plays"
      }
    }

    public static func < (left: Reason, right: Reason) -> Bool {
      allCases.firstIndex(of: left) ?? 0 < allCases.firstIndex(of: right) ?? 0
    }
  }

  /// One card of the standup.
  public struct Item: Sendable, Equatable {
    public var assessment: Assessment
    /// Why the account is on the agenda, most pressing first.
    public var reasons: [Reason]
    /// What happened to the account since the last standup, oldest first, in words.
    public var changes: [String]
    public let today: Day

    public var account: Account { assessment.account }
    public var overduePlays: [Play] { assessment.plays.filter { $0.isOverdue(on: today) } }
    public var openPlays: [Play] { assessment.plays.filter { !$0.isOverdue(on: today) } }
  }

  public let today: Day
  /// The standup this one follows; nil for the first one (changes then cover the last week).
  public let previous: Standup?
  /// The day changes are counted from.
  public let since: Day
  public let owner: String?
  public let items: [Item]

  /// The agenda for `owner`'s accounts (everyone's when nil); `byOwner` keeps each owner's accounts
  /// together (unowned first, then owners by name), in agenda order within each owner. `fixed` keeps a
  /// standup's accounts and order while it runs (their data refreshed, even when no reason is left).
  public init(book: Book, today: Day, owner: String? = nil, byOwner: Bool = false, fixed: [String]? = nil) {
    self.today = today
    self.owner = owner
    let previous = book.standups.last { $0.day <= today }
    self.previous = previous
    let since = previous?.day ?? today.adding(days: -ActionItem.defaultDays)
    self.since = since
    let assessor = Assessor(book: book, today: today, trendDays: max(1, today.days(since: since)))
    let item = { (assessment: Assessment, reasons: [Reason]) in
      Item(
        assessment: assessment, reasons: reasons,
        changes: StandupChanges.describe(assessment.account, in: book, after: previous, since: since), today: today)
    }
    if let fixed {
      // A running standup refreshes its own cards only (each poll while it shows), not the whole board.
      items = fixed.compactMap { slug in
        book.accounts[slug].map { assessor.assess($0) }.map { item($0, Self.reasons($0, today: today)) }
      }
      return
    }
    var items: [Item] = []
    for assessment in assessor.board() where assessment.account.stage != .churned {
      guard owner == nil || assessment.account.owner == owner else { continue }
      let reasons = Self.reasons(assessment, today: today)
      guard !reasons.isEmpty else { continue }
      items.append(item(assessment, reasons))
    }
    // Stable: the board's worst-first order within a reason.
    items = items.enumerated().sorted { left, right in
      let leftKey = (byOwner ? left.element.account.owner ?? "" : "", left.element.reasons[0], left.offset)
      let rightKey = (byOwner ? right.element.account.owner ?? "" : "", right.element.reasons[0], right.offset)
      return leftKey < rightKey
    }.map(\.element)
    self.items = items
  }

  static func reasons(_ assessment: Assessment, today: Day) -> [Reason] {
    var reasons: [Reason] = []
    if assessment.account.owner == nil { reasons.append(.unowned) }
    if assessment.health.health == .red { reasons.append(.red) }
    if assessment.trend.direction == .down { reasons.append(.fell) }
    if assessment.alerts.contains(.renewalAtRisk) { reasons.append(.renewalAtRisk) }
    if assessment.plays.contains(where: { $0.isOverdue(on: today) }) { reasons.append(.overduePlays) }
    return reasons
  }
}
