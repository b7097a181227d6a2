/// The formulas behind `rapport report`: pure functions of accounts and a window. Every figure says how
/// many responses, accounts, QBRs or check-ins it rests on, and is "no data" (a nil value) when it rests on
/// none. Retracted entries never count.
///
/// A *client on a day* is an account whose start day (its signature date, else the day it was created) is
/// on or before that day and whose lifecycle stage at the end of that day was not `churned` (stage history
/// replayed from `stageChanges`, so a client that came back counts again). "At period start" is the end of
/// the day before the period's first day; "at period end" is the end of its last day, or of today for the
/// period still running. Contract values are read with `contractValue(of:on:)`. No check-in or QBR falls
/// due before the account was entered (see `cadenceStart(of:)`). Every definition is in docs/rules.md.
public enum Metrics {
  /// The value of `metric` for `accounts` over `window`.
  public static func value(_ metric: Metric, of accounts: [Account], in window: MetricWindow) -> MetricValue {
    switch metric {
    case .nps: return nps(accounts, in: window)
    case .retention: return retention(accounts.filter { belongs($0, in: window) }, in: window)
    case .nrr: return netRevenueRetention(accounts.filter { belongs($0, in: window) }, in: window)
    case .grr: return grossRevenueRetention(accounts.filter { belongs($0, in: window) }, in: window)
    case .expansion: return expansionRevenue(accounts.filter { belongs($0, in: window) }, in: window)
    case .contraction: return contractionRevenue(accounts.filter { belongs($0, in: window) }, in: window)
    case .qbrCompletion: return qbrCompletion(accounts, in: window)
    case .cadenceCompletion: return cadenceCompletion(accounts, in: window)
    case .timeToFirstValue: return timeToFirstValue(accounts, in: window)
    case .ticketsPerClient: return ticketsPerClient(accounts, in: window)
    case .touchpoints: return touchpointsPerAccount(accounts, in: window)
    case .valueGrowth: return valueGrowth(accounts.filter { belongs($0, in: window) }, in: window)
    }
  }

  // MARK: Whose figures

  /// Whether an event of `account` dated `day` counts in `window`: always for the whole book; for one
  /// owner's figures, when that owner owned the account on that day (see `Attribution`).
  public static func counts(_ account: Account, on day: Day, in window: MetricWindow) -> Bool {
    guard case .owner(let name) = window.attribution else { return true }
    return account.owner(on: day) == name
  }

  /// Whether `account` counts among the clients of `window`: always for the whole book; for one owner's
  /// figures, when that owner owned it on its decisive day (the day it churned, when it had churned by the
  /// window's end, else the window's end).
  public static func belongs(_ account: Account, in window: MetricWindow) -> Bool {
    guard case .owner = window.attribution else { return true }
    var decisive = window.end
    if stage(of: account, on: window.end) == .churned,
      let churn = account.stageChanges.last(where: { $0.to == .churned && $0.day <= window.end })
    {
      decisive = churn.day
    }
    return counts(account, on: decisive, in: window)
  }

  // MARK: Clients

  /// The account's lifecycle stage at the end of `day`: the last stage change recorded by then, else the
  /// stage it was created with.
  public static func stage(of account: Account, on day: Day) -> Stage {
    if let change = account.stageChanges.last(where: { $0.day <= day }) { return change.to }
    return account.stageChanges.first?.from ?? account.stage
  }

  /// Whether the account was a client at the end of `day`: started by then, and not churned then.
  public static func isClient(_ account: Account, on day: Day) -> Bool {
    account.startDay <= day && stage(of: account, on: day) != .churned
  }

  /// Whether the account was a client at some time in the window: at its start, at its end, or at the end
  /// of a day in it on which it started or changed stage (the only days on which that can change).
  public static func wasClient(_ account: Account, during window: MetricWindow) -> Bool {
    guard !window.isEmpty else { return false }
    if isClient(account, on: window.start) || isClient(account, on: window.end) { return true }
    if window.contains(account.startDay), isClient(account, on: account.startDay) { return true }
    return account.stageChanges.contains { window.contains($0.day) && isClient(account, on: $0.day) }
  }

  /// The day an account's cadences start: the later of its start day and the day it was entered (its
  /// creation business date). A book entered after the fact has no check-in or QBR due before it was
  /// entered, and a touchpoint dated on or before that day does not move the first due date.
  public static func cadenceStart(of account: Account) -> Day { max(account.startDay, account.createdDay) }

  /// The account's annual contract value at the end of `day`: the last value recorded by then; before the
  /// first one was recorded, once the account had started, that first value (a book entered after the fact
  /// records its contract values late; the value given is the best known for the time before). Nil when
  /// none was ever recorded, or it was cleared.
  public static func contractValue(of account: Account, on day: Day) -> Money? {
    if let change = account.valueHistory.last(where: { $0.day <= day }) { return change.value }
    guard account.startDay <= day else { return nil }
    return account.valueHistory.first?.value
  }

  // MARK: The metrics

  /// NPS = % promoters (9–10) − % detractors (0–6) over the responses dated in the window, −100 to 100.
  /// Basis: those responses (from any account, client or not).
  public static func nps(_ accounts: [Account], in window: MetricWindow) -> MetricValue {
    var responses = 0
    var promoters = 0
    var detractors = 0
    for account in accounts {
      for response in account.npsResponses
      where !response.meta.isRetracted && window.contains(response.date)
        && counts(account, on: response.date, in: window)
      {
        responses += 1
        if response.isPromoter { promoters += 1 }
        if response.isDetractor { detractors += 1 }
      }
    }
    guard responses > 0 else { return .noData }
    return MetricValue(value: Double(promoters - detractors) / Double(responses) * 100, basis: responses)
  }

  /// Client retention rate = (clients at period end − new clients in the period) / clients at period start
  /// × 100. A new client is a client at period end whose start day lies in the period (one that started and
  /// left within the period is in neither term). Basis: clients at period start.
  public static func retention(_ accounts: [Account], in window: MetricWindow) -> MetricValue {
    guard !window.isEmpty else { return .noData }
    let atStart = accounts.count { isClient($0, on: window.start) }
    guard atStart > 0 else { return .noData }
    let atEnd = accounts.filter { isClient($0, on: window.end) }
    let new = atEnd.count { window.contains($0.startDay) }
    return MetricValue(value: Double(atEnd.count - new) / Double(atStart) * 100, basis: atStart)
  }

  /// The clients at period start that had a contract value then, with that value in currency units.
  private static func valuedCohort(_ accounts: [Account], _ window: MetricWindow) -> [(Account, Double)] {
    accounts.compactMap { account in
      guard isClient(account, on: window.start), let value = contractValue(of: account, on: window.start) else {
        return nil
      }
      return (account, value.units)
    }
  }

  /// The contract value of an account at period end: 0 once it is no longer a client or has no value.
  private static func valueAtEnd(_ account: Account, _ window: MetricWindow) -> Double {
    guard isClient(account, on: window.end) else { return 0 }
    return contractValue(of: account, on: window.end)?.units ?? 0
  }

  /// Net revenue retention = the contract value at period end of the clients at period start (0 for those
  /// that churned) / their contract value at period start × 100; clients acquired in the period are left
  /// out. Basis: clients at period start with a contract value then; no data when their total is 0.
  public static func netRevenueRetention(_ accounts: [Account], in window: MetricWindow) -> MetricValue {
    guard !window.isEmpty else { return .noData }
    let cohort = valuedCohort(accounts, window)
    let before = cohort.reduce(0) { $0 + $1.1 }
    guard !cohort.isEmpty, before > 0 else { return .noData }
    let after = cohort.reduce(0) { $0 + valueAtEnd($1.0, window) }
    return MetricValue(value: after / before * 100, basis: cohort.count)
  }

  /// Gross revenue retention = the contract value at period end of the clients at period start, each
  /// capped at its value at period start (0 for those that churned), / their value at period start × 100;
  /// that is (starting value − contraction − churned value) / starting value, never above 100. Clients
  /// acquired in the period are left out. Basis: clients at period start with a contract value then; no data
  /// when their total is 0.
  public static func grossRevenueRetention(_ accounts: [Account], in window: MetricWindow) -> MetricValue {
    guard !window.isEmpty else { return .noData }
    let cohort = valuedCohort(accounts, window)
    let before = cohort.reduce(0) { $0 + $1.1 }
    guard !cohort.isEmpty, before > 0 else { return .noData }
    let kept = cohort.reduce(0) { $0 + min($1.1, valueAtEnd($1.0, window)) }
    return MetricValue(value: kept / before * 100, basis: cohort.count)
  }

  /// Contraction revenue = the sum, over the clients at period start that had a contract value then and are
  /// still clients at period end, of each one's decrease in contract value over the period (period start
  /// minus period end, when positive; a value cleared counts as 0). Churned clients are not contraction:
  /// their value is under churn by reason. In currency units, as a positive number. Basis: clients at period
  /// start with a contract value then (0 contraction among them is a figure).
  public static func contractionRevenue(_ accounts: [Account], in window: MetricWindow) -> MetricValue {
    guard !window.isEmpty else { return .noData }
    let cohort = valuedCohort(accounts, window)
    guard !cohort.isEmpty else { return .noData }
    var contraction = 0.0
    for (account, before) in cohort where isClient(account, on: window.end) {
      let after = valueAtEnd(account, window)
      if after < before { contraction += before - after }
    }
    return MetricValue(value: contraction, basis: cohort.count)
  }

  /// Expansion revenue = the sum, over the clients at period start that had a contract value then and are
  /// still clients at period end, of each one's increase in contract value over the period (period end minus
  /// period start, when positive; a rise and fall within the period nets out). In currency units.
  /// Basis: clients at period start with a contract value then (0 expansion among them is a figure).
  public static func expansionRevenue(_ accounts: [Account], in window: MetricWindow) -> MetricValue {
    guard !window.isEmpty else { return .noData }
    let cohort = valuedCohort(accounts, window)
    guard !cohort.isEmpty else { return .noData }
    var expansion = 0.0
    for (account, before) in cohort where isClient(account, on: window.end) {
      if let after = contractValue(of: account, on: window.end)?.units, after > before { expansion += after - before }
    }
    return MetricValue(value: expansion, basis: cohort.count)
  }

  /// Average contract value growth = (total contract value at period end / total at period start − 1) ×
  /// 100 over the same clients: those that were clients with a contract value at both ends of the period (the
  /// growth of their mean value). Clients acquired or lost in the period are left out, so a new client does
  /// not move it. Basis: those clients; no data when there are none or their starting total is 0.
  public static func valueGrowth(_ accounts: [Account], in window: MetricWindow) -> MetricValue {
    guard !window.isEmpty else { return .noData }
    var startSum = 0.0
    var endSum = 0.0
    var basis = 0
    for account in accounts {
      guard isClient(account, on: window.start), isClient(account, on: window.end),
        let before = contractValue(of: account, on: window.start),
        let after = contractValue(of: account, on: window.end)
      else { continue }
      startSum += before.units
      endSum += after.units
      basis += 1
    }
    guard basis > 0, startSum > 0 else { return .noData }
    return MetricValue(value: (endSum / startSum - 1) * 100, basis: basis)
  }

  /// How many days after its due date a QBR may be held and still count as held on time.
  public static let qbrToleranceDays = 7

  /// QBR completion rate = QBRs held on time / QBRs due × 100, over the QBRs the cadence made due, whether
  /// or not anyone scheduled them. Tier 1 and 2 accounts owe a QBR every `qbr.tier1` / `qbr.tier2` days
  /// (91 by default; configuration in force at the window's end); tier 3 owes a semiannual review, not a
  /// QBR, and is left out. Each account's QBR touchpoints (not retracted) are walked like check-ins (see
  /// `cadenceCompletion`) from its cadence start, with 7 days' grace: a QBR due on day D is held on time
  /// when one is held after the previous one and by D + 7. A QBR not held whose 7 days have not all passed
  /// by today is pending, neither held nor missed, and left out. Basis: the QBRs due.
  public static func qbrCompletion(_ accounts: [Account], in window: MetricWindow) -> MetricValue {
    guard !window.isEmpty else { return .noData }
    var due = 0
    var held = 0
    for account in accounts {
      let tally = qbrs(of: account, in: window)
      due += tally.due
      held += tally.onTime
    }
    guard due > 0 else { return .noData }
    return MetricValue(value: Double(held) / Double(due) * 100, basis: due)
  }

  /// One account's QBRs due in the window, and how many of them were held on time.
  public static func qbrs(of account: Account, in window: MetricWindow) -> (due: Int, onTime: Int) {
    guard account.tier < 3 else { return (0, 0) }
    let interval = max(1, window.config.reviewDays(tier: account.tier))
    let held = account.touchFacts.filter { $0.kind == .qbr && !$0.isRetracted }.map(\.date).sorted()
    return walk(account, held, interval: interval, grace: qbrToleranceDays, in: window)
  }

  /// Cadence completion rate = check-ins done on time / check-ins due × 100, with each account's tier
  /// check-in interval C (configuration in force at the window's end).
  ///
  /// Each account's meaningful, not retracted touchpoints are walked in date order from its cadence start
  /// (the later of its start day and the day it was entered): a check-in is due C days after the last one
  /// (or after the cadence start). When meaningful touchpoints happen on or before that due date, it was
  /// done on time and the next one is due C days after the latest of them. When none does, it was missed,
  /// and so is every further due date C days apart until the next touchpoint; after that late touchpoint
  /// the next check-in is due C days after it. Due dates count when they lie in the window, are not after
  /// today, and the account was a client that day; one due today and not done yet is pending, not missed.
  /// Basis: the check-ins due.
  public static func cadenceCompletion(_ accounts: [Account], in window: MetricWindow) -> MetricValue {
    guard !window.isEmpty else { return .noData }
    var due = 0
    var onTime = 0
    for account in accounts {
      let tally = cadence(of: account, in: window)
      due += tally.due
      onTime += tally.onTime
    }
    guard due > 0 else { return .noData }
    return MetricValue(value: Double(onTime) / Double(due) * 100, basis: due)
  }

  /// One account's check-ins due in the window, and how many of them were done on time.
  public static func cadence(of account: Account, in window: MetricWindow) -> (due: Int, onTime: Int) {
    let interval = max(1, window.config.checkInDays(tier: account.tier))
    let touches = account.touchFacts.filter { $0.isMeaningful && !$0.isRetracted }.map(\.date).sorted()
    return walk(account, touches, interval: interval, grace: 0, in: window)
  }

  /// Walks an account's dated touches (sorted) against a cadence of `interval` days from its cadence start;
  /// a due date D is met by a touch after the previous anchor and by D + `grace`. Counts the due dates in
  /// the window (see `cadenceCompletion`).
  private static func walk(
    _ account: Account, _ touches: [Day], interval: Int, grace: Int, in window: MetricWindow
  ) -> (due: Int, onTime: Int) {
    var anchor = cadenceStart(of: account)
    var next = touches.firstIndex { $0 > anchor } ?? touches.count
    var due = 0
    var onTime = 0
    func count(_ date: Day, done: Bool) {
      guard window.contains(date), isClient(account, on: date), counts(account, on: date, in: window) else { return }
      // Not done, and its grace has not all passed by today: pending.
      if !done, date.adding(days: grace) >= window.today { return }
      due += 1
      if done { onTime += 1 }
    }
    while true {
      let dueDate = anchor.adding(days: interval)
      if dueDate > window.end { break }
      let limit = dueDate.adding(days: grace)
      if next < touches.count, touches[next] <= limit {
        while next < touches.count, touches[next] <= limit { next += 1 }
        count(dueDate, done: true)
        anchor = touches[next - 1]
        continue
      }
      count(dueDate, done: false)
      guard next < touches.count else {
        // Never touched again: one is missed every interval to the window's end.
        var missed = dueDate.adding(days: interval)
        while missed <= window.end {
          count(missed, done: false)
          missed = missed.adding(days: interval)
        }
        break
      }
      let late = touches[next]
      var missed = dueDate.adding(days: interval)
      while missed.adding(days: grace) < late, missed <= window.end {
        count(missed, done: false)
        missed = missed.adding(days: interval)
      }
      // The late touch lies within the grace of the next due date: that one was met.
      if missed < late, missed <= window.end { count(missed, done: true) }
      anchor = late
      while next < touches.count, touches[next] <= late { next += 1 }
    }
    return (due, onTime)
  }

  /// Touchpoints per account = meaningful touchpoints (not retracted) dated in the window / the accounts
  /// that were clients at some time in it (at its start, its end, or a day between). Notes, and entries
  /// marked not meaningful, do not count. Basis: those accounts.
  public static func touchpointsPerAccount(_ accounts: [Account], in window: MetricWindow) -> MetricValue {
    guard !window.isEmpty else { return .noData }
    var clients = 0
    var touches = 0
    for account in accounts where wasClient(account, during: window) {
      if belongs(account, in: window) { clients += 1 }
      touches += account.touchFacts.count {
        $0.isMeaningful && !$0.isRetracted && window.contains($0.date) && counts(account, on: $0.date, in: window)
      }
    }
    guard clients > 0 else { return .noData }
    return MetricValue(value: Double(touches) / Double(clients), basis: clients)
  }

  /// Time to first value = the mean number of days from an account's start day (its signature date, else
  /// the day it was created) to its first success criterion met, over the accounts whose first criterion
  /// was met in the window (a criterion met before the start day counts as 0 days). Basis: those accounts.
  public static func timeToFirstValue(_ accounts: [Account], in window: MetricWindow) -> MetricValue {
    var total = 0
    var counted = 0
    for account in accounts {
      let met = account.criteria.filter { !$0.meta.isRetracted && $0.isMet }.compactMap { $0.meeting?.day }
      guard let first = met.min(), window.contains(first), counts(account, on: first, in: window) else { continue }
      total += max(0, first.days(since: account.startDay))
      counted += 1
    }
    guard counted > 0 else { return .noData }
    return MetricValue(value: Double(total) / Double(counted), basis: counted)
  }

  /// Support tickets per client = tickets (not retracted) opened in the window, by any account of the
  /// group, / clients at period end. Basis: the clients at period end.
  public static func ticketsPerClient(_ accounts: [Account], in window: MetricWindow) -> MetricValue {
    guard !window.isEmpty else { return .noData }
    let clients = accounts.count { isClient($0, on: window.end) && belongs($0, in: window) }
    guard clients > 0 else { return .noData }
    let tickets = accounts.reduce(0) { sum, account in
      sum
        + account.tickets.count {
          !$0.meta.isRetracted && window.contains($0.opened) && counts(account, on: $0.opened, in: window)
        }
    }
    return MetricValue(value: Double(tickets) / Double(clients), basis: clients)
  }
}
