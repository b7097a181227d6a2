/// What a metric's basis counts.
public enum MetricBasis: String, Sendable, CaseIterable, Codable {
  case responses, accounts, qbrs
  case checkIns = "check-ins"
}
