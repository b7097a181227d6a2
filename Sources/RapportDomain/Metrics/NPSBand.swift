/// Where an NPS stands against the article's B2B benchmarks (`seeds/`: "above 30 (Good), with scores above
/// 50 considered Excellent"). The article names only those two; below them Rapport says `fair` (0 to 30)
/// and `poor` (below 0, more detractors than promoters). The band is read from the exact score, not the
/// rounded one shown.
public enum NPSBand: String, Sendable, CaseIterable, Codable {
  case poor, fair, good, excellent

  public init(score: Double) {
    if score > 50 {
      self = .excellent
    } else if score > 30 {
      self = .good
    } else if score >= 0 {
      self = .fair
    } else {
      self = .poor
    }
  }

  /// The band of an NPS figure, nil for "no data".
  public init?(_ figure: MetricValue) {
    guard let score = figure.value, score.isFinite else { return nil }
    self.init(score: score)
  }
}
