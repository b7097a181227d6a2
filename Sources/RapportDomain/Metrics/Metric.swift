/// The figures `rapport report` computes. The formulas are in `Metrics`; the codes are stable (JSON, CSV).
public enum Metric: String, Sendable, CaseIterable, Codable {
  case nps
  case retention
  case nrr
  case grr
  case expansion
  case contraction
  case qbrCompletion = "qbr-completion"
  case cadenceCompletion = "cadence-completion"
  case timeToFirstValue = "time-to-first-value"
  case ticketsPerClient = "tickets-per-client"
  case touchpoints
  case valueGrowth = "value-growth"

  /// Words for people.
  public var title: String {
    switch self {
    case .nps: return "NPS"
    case .retention: return "Client retention"
    case .nrr: return "Net revenue retention"
    case .grr: return "Gross revenue retention"
    case .expansion: return "Expansion revenue"
    case .contraction: return "Contraction revenue"
    case .qbrCompletion: return "QBR completion"
    case .cadenceCompletion: return "Cadence completion"
    case .timeToFirstValue: return "Time to first value"
    case .ticketsPerClient: return "Tickets per client"
    case .touchpoints: return "Touchpoints per account"
    case .valueGrowth: return "Avg contract value growth"
    }
  }

  public var unit: MetricUnit {
    switch self {
    case .nps: return .score
    case .retention, .nrr, .grr, .qbrCompletion, .cadenceCompletion, .valueGrowth: return .percent
    case .expansion, .contraction: return .money
    case .timeToFirstValue: return .days
    case .ticketsPerClient, .touchpoints: return .ratio
    }
  }

  /// What the basis counts.
  public var basis: MetricBasis {
    switch self {
    case .nps: return .responses
    case .qbrCompletion: return .qbrs
    case .cadenceCompletion: return .checkIns
    case .retention, .nrr, .grr, .expansion, .contraction, .timeToFirstValue, .ticketsPerClient, .touchpoints,
      .valueGrowth:
      return .accounts
    }
  }
}
