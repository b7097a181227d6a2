/// An account's health under the default model: each measure, the weighted mean of those with data,
/// the colour, and the measure that pulls it down most.
///
/// Green needs evidence: an account is green only when the touch measure has data and at least
/// `HealthModel.evidenceNeeded` measures enter the mean; with less its colour is capped at yellow and
/// `isThin` says so (the score stays the weighted mean of what there is).
public struct HealthScore: Sendable, Equatable {
  public var readings: [MeasureReading]
  /// nil when no measure has data.
  public var score: Int?
  public var health: Health
  /// The measure with the largest weighted shortfall (weight × (100 − score)), if any falls short.
  public var weakest: Measure?
  /// The measures that have data and a weight above 0: those the score is the mean of.
  public var measuresWithData: Int
  /// Too little evidence for green: the touch measure has no data or fewer than three measures enter
  /// the mean. An account without any data is not thin but unknown.
  public var isThin: Bool
  /// The colour the score alone would give (before the thin-data cap); `health` when not thin.
  public var band: Health

  public func reading(_ measure: Measure) -> MeasureReading? { readings.first { $0.measure == measure } }

  /// "thin data: 2 of 5 measures" when the evidence is thin, else nil: the words `why`, the board and the
  /// dashboard show.
  public var thinDataNote: String? {
    isThin ? "thin data: \(measuresWithData) of \(readings.count) measures" : nil
  }
}
