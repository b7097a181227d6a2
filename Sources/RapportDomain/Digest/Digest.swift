/// What each person should hear about before the standup (`rapport digest`): for everyone with
/// something to act on, their plays overdue or due within a week, their accounts that are red or fell
/// since last week, and their renewals inside the renewal window or overdue. A pure function of the
/// book, today and the rules' configuration; the front end renders it (mail, Markdown).
///
/// Whose is what, as on the due screen (`PlayBook.plays(_:for:in:)`): a person hears about the plays they
/// own (a task's owner, else the account's owner) and about every play, account and renewal of the
/// accounts they own or manage (the account's manager hears of their team's accounts, marked with the
/// owner). Accounts with no owner go to the journal's admins (on a journal without members, its
/// creator), since nobody else would hear of them. Churned accounts are left out but for their tasks.
public struct Digest: Sendable, Equatable {
  /// Plays due within this many days from today are listed (overdue ones always).
  public static let playDays = 7

  /// One line of a digest: what, on which account, and why.
  public struct Item: Sendable, Equatable {
    public enum Kind: Sendable, Equatable {
      /// A play overdue or due within `playDays`.
      case play(Play)
      /// The account is red, or its score fell since last week (the board's ↓).
      case health(red: Bool, fell: Bool)
      /// A renewal inside the renewal window, or its date passed with no outcome (`overdue`).
      case renewal(on: Day, overdue: Bool)
      /// The account has no owner.
      case unowned
    }

    public var kind: Kind
    public var slug: String
    /// The account's display name (any text a user typed: render it safely).
    public var name: String
    public var owner: String?
    /// Set when the item reaches the recipient because they manage the account, not own it.
    public var managedBy: String?
    /// Why it is listed, in one line of words ("check-in (tier 1, every 7 days): 5 days late").
    public var reason: String
    /// An overdue play, or a renewal whose date passed.
    public var isLate = false
  }

  /// One person's digest: nonempty.
  public struct Recipient: Sendable, Equatable {
    public var name: String
    /// The address the journal's members list for them, if any.
    public var email: String?
    /// Overdue first (most days late first), then by due day.
    public var plays: [Item]
    /// Red or fell since last week, worst first (the board's order).
    public var accounts: [Item]
    /// Overdue first, then the nearest renewal first.
    public var renewals: [Item]
    /// Accounts with no owner (admins only).
    public var unowned: [Item]

    public var overduePlays: Int { plays.count(where: \.isLate) }

    public var isEmpty: Bool { plays.isEmpty && accounts.isEmpty && renewals.isEmpty && unowned.isEmpty }

    /// The account of the first item, most pressing first (for a subject line).
    public var first: Item? {
      plays.first(where: \.isLate) ?? renewals.first(where: \.isLate) ?? accounts.first ?? plays.first
        ?? renewals.first ?? unowned.first
    }
  }

  public let today: Day
  /// Everyone with something to act on, by name.
  public let recipients: [Recipient]
  /// The accounts with no owner (also in the admins' digests).
  public let unowned: [Item]

  public init(book: Book, today: Day, config: RulesConfig? = nil) {
    self.today = today
    let config = config ?? book.config(asOf: today)
    let board = Assessor(book: book, today: today).board()
    let playBook = PlayBook(book: book, today: today, config: config)
    let allPlays = book.allAccounts.flatMap(playBook.plays(for:)).sorted(by: PlayBook.order(today))
    let horizon = today.adding(days: Self.playDays)
    let window = config.days("renewal.window-days")
    let names = Dictionary(book.allAccounts.map { ($0.slug, $0.name) }, uniquingKeysWith: { first, _ in first })
    let live = board.filter { $0.account.stage != .churned }

    let unowned = live.filter { $0.account.owner == nil }.map { Self.unownedItem($0) }
    self.unowned = unowned
    let admins = Set(book.members.all.filter { $0.role == .admin }.map(\.name))

    var people = Set(allPlays.compactMap(\.owner))
    for assessment in live {
      if let owner = assessment.account.owner { people.insert(owner) }
      if let manager = assessment.account.manager { people.insert(manager) }
    }
    if !unowned.isEmpty { people.formUnion(admins) }

    recipients = people.sorted().compactMap { name in
      let plays = PlayBook.plays(allPlays, for: name, in: book).filter { play in
        // The renewals part says it, with the command that records the outcome.
        play.code != .renewalOutcome && (play.isOverdue(on: today) || play.due <= horizon)
      }
      let theirs = live.filter { $0.account.owner == name || $0.account.manager == name }
      let recipient = Recipient(
        name: name, email: book.members[name]?.email,
        plays: Self.ordered(plays, today).map { Self.playItem($0, name: names[$0.account] ?? $0.account, today) },
        accounts: theirs.compactMap { Self.healthItem($0, for: name) },
        renewals: Self.renewalItems(theirs, for: name, today: today, window: window),
        unowned: admins.contains(name) ? unowned : [])
      return recipient.isEmpty ? nil : recipient
    }
  }

  /// Overdue first, most days late first; then by due day (as the due list, the lateness ordered).
  private static func ordered(_ plays: [Play], _ today: Day) -> [Play] {
    plays.enumerated().sorted { left, right in
      let key = { (play: Play, offset: Int) in
        (play.isOverdue(on: today) ? 0 : 1, -play.daysLate(on: today), play.due, offset)
      }
      return key(left.element, left.offset) < key(right.element, right.offset)
    }.map(\.element)
  }

  private static func playItem(_ play: Play, name: String, _ today: Day) -> Item {
    let when: String
    if play.isOverdue(on: today) {
      let late = play.daysLate(on: today)
      when = "\(late) \(late == 1 ? "day" : "days") late (due \(play.due))"
    } else if play.due <= today {
      when = "due today" + (play.lateAfter > today ? " (on time until \(play.lateAfter))" : "")
    } else {
      let days = play.due.days(since: today)
      when = "due \(play.due) (in \(days) \(days == 1 ? "day" : "days"))"
    }
    let task = play.taskID.map { " (task \($0))" } ?? ""
    return Item(
      kind: .play(play), slug: play.account, name: name, owner: play.owner, managedBy: play.managedBy,
      reason: "\(play.title)\(task): \(when)", isLate: play.isOverdue(on: today))
  }

  private static func healthItem(_ assessment: Assessment, for name: String) -> Item? {
    let red = assessment.health.health == .red
    let fell = assessment.trend.direction == .down
    guard red || fell else { return nil }
    var parts: [String] = []
    if red {
      parts.append(
        "red" + (assessment.health.score.map { " \($0)/100" } ?? "")
          + (assessment.alerts.contains(.renewalOverdue) ? " (renewal date passed)" : ""))
    }
    if fell {
      let change = assessment.trend.change.map { " (\($0))" } ?? ""
      parts.append("fell since last week\(change): " + TrendWords.worse(assessment))
    } else if let weakest = assessment.health.weakest, let reading = assessment.health.reading(weakest) {
      parts.append(TrendWords.words(reading))
    }
    let alerts = assessment.alerts.filter { $0 != .renewalOverdue && $0 != .renewalUnknown }.map(\.label)
    if !alerts.isEmpty { parts.append("alerts: " + alerts.joined(separator: ", ")) }
    return item(assessment, .health(red: red, fell: fell), for: name, reason: parts.joined(separator: "; "))
  }

  private static func renewalItems(_ assessments: [Assessment], for name: String, today: Day, window: Int) -> [Item] {
    let items = assessments.compactMap { assessment -> (Day, Item)? in
      guard let renewal = assessment.account.renewal else { return nil }
      let days = renewal.days(since: today)
      let value = assessment.account.value.map { ", worth \($0)" } ?? ""
      if renewal < today {
        let reason =
          "renewal date \(renewal) passed \(-days) \(days == -1 ? "day" : "days") ago with no outcome recorded"
        var late = item(assessment, .renewal(on: renewal, overdue: true), for: name, reason: reason + value)
        late.isLate = true
        return (renewal, late)
      }
      guard days <= window else { return nil }
      let when = days == 0 ? "today" : "in \(days) \(days == 1 ? "day" : "days")"
      let health = assessment.health.health
      let risk = assessment.alerts.contains(.renewalAtRisk) ? ": renewal at risk" : ""
      let reason = "renews on \(renewal) (\(when))\(value); health \(health.rawValue)\(risk)"
      return (renewal, item(assessment, .renewal(on: renewal, overdue: false), for: name, reason: reason))
    }
    return items.sorted { left, right in
      (left.1.isLate ? 0 : 1, left.0, left.1.slug) < (right.1.isLate ? 0 : 1, right.0, right.1.slug)
    }.map(\.1)
  }

  private static func unownedItem(_ assessment: Assessment) -> Item {
    let account = assessment.account
    var reason = "no owner (tier \(account.tier), health \(assessment.health.health.rawValue))"
    if let manager = account.manager { reason += "; managed by \(manager)" }
    return Item(kind: .unowned, slug: account.slug, name: account.name, owner: nil, managedBy: nil, reason: reason)
  }

  private static func item(_ assessment: Assessment, _ kind: Item.Kind, for name: String, reason: String) -> Item {
    let account = assessment.account
    return Item(
      kind: kind, slug: account.slug, name: account.name, owner: account.owner,
      managedBy: account.owner == name ? nil : name, reason: reason)
  }
}
