/// One figure: its value, nil for "no data" (it rests on nothing, so there is no figure — never 0), and
/// how many responses, accounts, QBRs or check-ins it rests on.
public struct MetricValue: Sendable, Equatable, CustomStringConvertible {
  public var value: Double?
  public var basis: Int

  public init(value: Double?, basis: Int) {
    self.value = value
    self.basis = basis
  }

  public static let noData = MetricValue(value: nil, basis: 0)

  public var description: String { value.map { "\($0) (n=\(basis))" } ?? "no data" }
}
