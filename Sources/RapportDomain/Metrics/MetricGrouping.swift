/// How a report breaks its figures down besides the whole book.
public enum MetricGrouping: String, Sendable, CaseIterable, Codable {
  /// By relationship owner ("(no owner)" for none), each owner judged on their own time: see `Attribution`.
  case owner
  /// By the account's current tier ("tier 1" … "tier 3").
  case tier
}
