/// The bounds of the numbers a CRM can mean, in one place.
public enum Quantity {
  /// The largest usage value accepted: 10^15. Anything larger is a typo or an attack, not a measure
  /// (`usage acme 1e308` would be saved, and `why` would show "nan % (inf → inf)"). Amounts of money
  /// have a lower bound still (`Money`: below 10^13, so that cents and their sums fit in 64 bits).
  public static let maximum: Double = 1e15

  /// What a refusal says is expected.
  public static let expected = "a number from 0 to 10^15"

  /// Finite, at least 0 and at most `maximum`.
  public static func isAcceptable(_ value: Double) -> Bool { value.isFinite && value >= 0 && value <= maximum }
}
