/// Assesses accounts: pure functions of the book, today and the configuration history in the book.
public struct Assessor: Sendable {
  public let book: Book
  public let today: Day
  /// How far back the trend looks.
  public let trendDays: Int

  public init(book: Book, today: Day, trendDays: Int = 7) {
    self.book = book
    self.today = today
    self.trendDays = trendDays
  }

  /// Every account, worst first: red, yellow, unknown, green; then by score and id.
  public func board() -> [Assessment] {
    let items = assess(book.accounts.values)
    // Sorted through keys: moving the large assessments around while comparing them cost more than
    // computing them.
    let keys = items.map { ($0.health.health.severity, $0.health.score ?? 101, $0.account.slug) }
    let order = keys.indices.sorted { keys[$0] < keys[$1] }
    return (consume items).reordered(by: order)
  }

  /// Every account's open plays (each account's in `PlayBook.order`, as `assess(_:)` gives them): what
  /// the due lists need, without the rest of the assessments.
  public func plays() -> [Play] {
    let playBook = context(today).playBook
    return ParallelMap.map(book.accounts.values) { playBook.plays(for: $0).sorted(by: PlayBook.order(today)) }
      .flatMap { $0 }
  }

  public func assess(_ account: Account) -> Assessment {
    assess([account])[0]
  }

  /// `accounts` assessed, in their order: on every core from `ParallelMap.minimumCount` accounts, else
  /// on this thread.
  public func assess(_ accounts: [Account]) -> [Assessment] {
    let current = context(today)
    let past = context(today.adding(days: -trendDays))
    let pastUnderNow = scorer(past, under: current)
    return ParallelMap.map(accounts) { assess($0, current, past, pastUnderNow) }
  }

  /// Every account's standing, in the book's order: an assessment that holds only its health today (the
  /// colour and score `board()` orders by, an overdue renewal making it red), without readings, trend,
  /// alerts or plays. A fraction of `board()`'s cost: what puts 5,000 accounts in the list's order
  /// before the few on screen are assessed wholly (`assess(_:)`). Never to be shown as it is.
  public func standings() -> [Assessment] {
    let model = HealthModel(today: today, config: book.config(asOf: today))
    let since = today.adding(days: -trendDays)
    return ParallelMap.map(book.accounts.values) { account in
      var health = model.score(account)
      health.readings = []
      if renewalIsOverdue(account) { health.health = .red }
      return Assessment(
        account: account, health: health,
        trend: Trend(since: since, previousScore: nil, change: nil, direction: .new, source: .none, reason: ""),
        alerts: [], plays: [], daysSinceTouch: nil, daysToRenewal: nil)
    }
  }

  /// Scores the past under today's configuration; nil when the configuration did not change.
  private func scorer(_ past: Context, under current: Context) -> HealthModel? {
    past.model.config == current.model.config ? nil : HealthModel(today: past.model.today, config: current.model.config)
  }

  private struct Context {
    var model: HealthModel
    var playBook: PlayBook
  }

  private func context(_ day: Day) -> Context {
    let config = book.config(asOf: day)
    return Context(
      model: HealthModel(today: day, config: config), playBook: PlayBook(book: book, today: day, config: config))
  }

  private func assess(_ account: Account, _ current: Context, _ past: Context, _ pastUnderNow: HealthModel?)
    -> Assessment
  {
    var health = current.model.score(account)
    let plays = current.playBook.plays(for: account).sorted(by: PlayBook.order(today))
    let existedThen = account.createdDay <= past.model.today
    let then = existedThen ? past.model.score(account) : nil
    let trend = trendOf(
      account, now: health, then: then, thenUnderNow: existedThen ? pastUnderNow?.score(account) ?? then : nil,
      pastConfig: past.model.config,
      nowConfig: current.model.config)
    // As the touch measure counts: meaningful touchpoints on or before today.
    let lastTouch = account.lastMeaningfulTouchDate(onOrBefore: today).map { today.days(since: $0) }
    let alerts = alerts(account, health, plays, current.model)
    // A renewal date passed with nothing recorded: the board must not call the account anything but red.
    if alerts.contains(.renewalOverdue) { health.health = .red }
    return Assessment(
      account: account, health: health, trend: trend,
      alerts: alerts, plays: plays, daysSinceTouch: lastTouch,
      daysToRenewal: account.renewal.map { $0.days(since: today) })
  }

  private func alerts(_ account: Account, _ health: HealthScore, _ plays: [Play], _ model: HealthModel) -> [AlertCode] {
    var alerts: [AlertCode] = []
    let overdue = Set(plays.filter { $0.isOverdue(on: today) }.map(\.code))
    if account.owner == nil { alerts.append(.noOwner) }
    if overdue.contains(.checkIn) { alerts.append(.checkinOverdue) }
    if plays.contains(where: { $0.code == .detractorFollowUp }) { alerts.append(.detractorOpen) }
    if let change = model.usageChange(account), -change.percent >= model.config["usage.drop-alert"] {
      alerts.append(.usageDrop)
    }
    if let counts = model.ticketCounts(account), model.isSpike(counts) { alerts.append(.ticketSpike) }
    if account.criteria.contains(where: { !$0.meta.isRetracted && !$0.isMet && ($0.target.map { $0 < today } ?? false) }
    ) {
      alerts.append(.criterionStalled)
    }
    if let renewal = account.renewal,
      (0...model.config.days("renewal.window-days")).contains(renewal.days(since: today)),
      health.health != .green
    {
      alerts.append(.renewalAtRisk)
    }
    if overdue.contains(.handoffCall) { alerts.append(.handoffCallMissing) }
    if !overdue.filter(\.isOnboarding).isEmpty { alerts.append(.onboardingLate) }
    if overdue.contains(.valueNote) { alerts.append(.valueNoteOverdue) }
    alerts += lifecycleAlerts(account, model.config)
    return alerts
  }

  /// The renewal and lifecycle alerts of the articles: nothing recorded after the renewal date, no
  /// renewal date at all, onboarding that outlasts its month, no first value by day 30, an urgent
  /// ticket open.
  private func lifecycleAlerts(_ account: Account, _ config: RulesConfig) -> [AlertCode] {
    guard account.stage != .churned else { return [] }
    var alerts: [AlertCode] = []
    if renewalIsOverdue(account) { alerts.append(.renewalOverdue) }
    if account.renewal == nil { alerts.append(.renewalUnknown) }
    let start = account.startDay
    if account.stage == .onboarding, today.days(since: start) > config.days("onboarding.overdue-days") {
      alerts.append(.onboardingOverdue)
    }
    let metAny = account.criteria.contains { criterion in
      !criterion.meta.isRetracted && criterion.isMet && (criterion.meeting?.day ?? today) <= today
    }
    if account.stage == .onboarding || account.stage == .activation,
      today.days(since: start) > config.days("onboarding.first-value-days"), !metAny
    {
      alerts.append(.firstValueLate)
    }
    if account.tickets.contains(where: { $0.isUrgentAndOpen(on: today) }) { alerts.append(.urgentTicket) }
    return alerts
  }

  /// A renewal date passed with nothing recorded since: the board calls such an account red, whatever
  /// its score.
  private func renewalIsOverdue(_ account: Account) -> Bool {
    guard account.stage != .churned, let renewal = account.renewal else { return false }
    return renewal < today
  }

  private func trendOf(
    _ account: Account, now: HealthScore, then: HealthScore?, thenUnderNow: HealthScore?, pastConfig: RulesConfig,
    nowConfig: RulesConfig
  ) -> Trend {
    let since = today.adding(days: -trendDays)
    guard let previous = then?.score, let current = now.score else {
      return Trend(
        since: since, previousScore: then?.score, change: nil, direction: .new, source: .none,
        reason: now.score == nil ? "no data" : "no score \(trendDays) days ago")
    }
    let change = current - previous
    let configDelta = (thenUnderNow?.score ?? previous) - previous
    let clientDelta = current - (thenUnderNow?.score ?? previous)
    let source: Trend.Source =
      configDelta != 0 && clientDelta != 0
      ? .both : configDelta != 0 ? .configuration : clientDelta != 0 ? .client : .none
    var reasons: [String] = []
    if clientDelta != 0, let before = thenUnderNow { reasons.append(movedMeasures(before, now)) }
    if configDelta != 0 { reasons.append("configuration: " + changedSettings(pastConfig, nowConfig)) }
    let direction: Trend.Direction = change >= 3 ? .up : change <= -3 ? .down : .flat
    return Trend(
      since: since, previousScore: previous, change: change, direction: direction, source: source,
      reason: reasons.isEmpty ? "unchanged" : reasons.joined(separator: "; "),
      fallen: clientDelta < 0 ? fallenMeasures(thenUnderNow ?? then, now, previous: previous) : [],
      settingsChanged: configDelta != 0 ? changedSettings(pastConfig, nowConfig) : "")
  }

  /// The measures that pulled the score down between `before` and `after`, largest weighted fall first:
  /// a lower score, data lost, or new data below the score before (`previous`).
  private func fallenMeasures(_ before: HealthScore?, _ after: HealthScore, previous: Int) -> [Measure] {
    guard let before else { return [] }
    let falls = Measure.allCases.compactMap { measure -> (Double, Measure)? in
      guard let then = before.reading(measure), let now = after.reading(measure), then.score != now.score else {
        return nil
      }
      switch (then.score, now.score) {
      case (let old?, let new?) where new < old: return (Double(old - new) * now.weight, measure)
      case (let old?, nil): return (Double(old) * then.weight, measure)
      case (nil, let new?) where new < previous: return (Double(previous - new) * now.weight, measure)
      default: return nil
      }
    }
    return falls.sorted { $0.0 > $1.0 }.map { $0.1 }
  }

  /// The measures whose scores moved, largest weighted move first: "usage 100 → 50".
  private func movedMeasures(_ before: HealthScore, _ after: HealthScore) -> String {
    let moves = Measure.allCases.compactMap { measure -> (Double, String)? in
      guard let old = before.reading(measure), let new = after.reading(measure), old.score != new.score else {
        return nil
      }
      let describe = { (score: Int?) in score.map(String.init) ?? "no data" }
      let size = abs(Double((new.score ?? 0) - (old.score ?? 0))) * new.weight
      return (size, "\(measure.rawValue) \(describe(old.score)) → \(describe(new.score))")
    }
    return moves.sorted { $0.0 > $1.0 }.map(\.1).joined(separator: ", ")
  }

  private func changedSettings(_ before: RulesConfig, _ after: RulesConfig) -> String {
    RulesConfig.settings.compactMap { setting -> String? in
      let old = before[setting.key]
      let new = after[setting.key]
      return old == new ? nil : "\(setting.key) \(RulesConfig.format(old)) → \(RulesConfig.format(new))"
    }.joined(separator: ", ")
  }
}
