/// An amount of money in cents, so that sums are exact.
public struct Money: Sendable, Hashable, Comparable, CustomStringConvertible, BitwiseCopyable {
  public var cents: Int64

  /// Amounts are below this many units: a larger number would trap converting to cents, and sums of
  /// cents must fit in 64 bits.
  public static let unitLimit = 1e13

  public init(cents: Int64) { self.cents = cents }

  /// Parses `120000`, `120,000`, `120000.50`, `$120k`, `1.2m`.
  public init?(parsing text: String) {
    var input = text.trimmingSpaces().lowercased().replacingOccurrences(of: ",", with: "").replacingOccurrences(
      of: "_", with: "")
    if input.hasPrefix("$") || input.hasPrefix("€") || input.hasPrefix("£") { input.removeFirst() }
    var multiplier = 1.0
    if input.hasSuffix("k") {
      multiplier = 1_000
      input.removeLast()
    } else if input.hasSuffix("m") {
      multiplier = 1_000_000
      input.removeLast()
    }
    guard !input.isEmpty, input.allSatisfy({ $0.isASCII && ($0.isNumber || $0 == ".") }),
      let amount = Double(input), amount.isFinite, amount * multiplier < Self.unitLimit
    else { return nil }
    cents = Int64((amount * multiplier * 100).rounded())
  }

  /// From a JSON number in whole currency units.
  public init(units: Double) { cents = Int64((units * 100).rounded()) }

  public var units: Double { Double(cents) / 100 }

  /// `120000` or `120000.50`, as stored and exported.
  public var description: String {
    let whole = cents / 100
    let fraction = abs(cents % 100)
    return fraction == 0 ? String(whole) : String(whole) + "." + (fraction < 10 ? "0" : "") + String(fraction)
  }

  public static func < (lhs: Money, rhs: Money) -> Bool { lhs.cents < rhs.cents }
}

extension String {
  func replacingOccurrences(of target: String, with replacement: String) -> String {
    split(separator: target, omittingEmptySubsequences: false).joined(separator: replacement)
  }
}
