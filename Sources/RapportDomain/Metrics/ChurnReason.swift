/// Clients lost in one period for one reason: the reason given when they were moved to `churned`
/// (`rapport stage SLUG churned --reason TEXT`), their ids, and the contract value they took with them.
public struct ChurnReason: Sendable, Equatable {
  /// The reason as given, or nil when none was.
  public var reason: String?
  /// The churned accounts' ids, in the order they churned.
  public var accounts: [String]
  /// The sum of their contract values on the day before they churned, in currency units.
  public var value: Double

  /// The period's churn, by reason: most accounts first, then by reason (none given last). A churn
  /// counts in the period of its business date; moving between two churned states is not a new churn.
  public static func list(_ accounts: [Account], in window: MetricWindow) -> [ChurnReason] {
    var byReason: [String?: ChurnReason] = [:]
    var order: [(day: Day, seq: Int, account: Account, change: StageChange)] = []
    for account in accounts {
      for change in account.stageChanges
      where change.to == .churned && change.from != .churned && window.contains(change.day)
        && Metrics.counts(account, on: change.day, in: window)
      {
        order.append((change.day, change.meta.seq, account, change))
      }
    }
    order.sort { ($0.day, $0.seq) < ($1.day, $1.seq) }
    for (day, _, account, change) in order {
      let value = Metrics.contractValue(of: account, on: day.adding(days: -1))?.units ?? 0
      byReason[change.reason, default: ChurnReason(reason: change.reason, accounts: [], value: 0)].accounts.append(
        account.slug)
      byReason[change.reason]?.value += value
    }
    return byReason.values.sorted { left, right in
      (-left.accounts.count, left.reason == nil ? 1 : 0, left.reason ?? "")
        < (-right.accounts.count, right.reason == nil ? 1 : 0, right.reason ?? "")
    }
  }
}
