/// What a metric's number means.
public enum MetricUnit: String, Sendable, CaseIterable, Codable {
  /// −100 to 100 (NPS).
  case score
  /// Percent (100 = all, or no change for a ratio of values).
  case percent
  /// Currency units of contract value.
  case money
  case days
  /// A plain ratio (tickets per client, touchpoints per account).
  case ratio
}
