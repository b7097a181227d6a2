import RapportDomain
import Synchronization

/// The whole assessment of the account the detail shows, kept per account and journal position: the
/// list's rows leave plays and readings out, and a frame asks for the selected one's several times.
final class AssessmentCache: Sendable {
  /// Accounts kept for one journal position: enough to move back and forth through a screen of rows.
  static let capacity = 64

  private struct State {
    var seq = -1
    var items: [String: Assessment] = [:]
  }

  private let state = Mutex(State())

  /// The assessment of `slug` at journal position `seq`, from `make` the first time it is asked for.
  func assessment(of slug: String, at seq: Int, make: () -> Assessment) -> Assessment {
    if let known = state.withLock({ $0.seq == seq ? $0.items[slug] : nil }) { return known }
    let item = make()
    state.withLock { current in
      if current.seq != seq || current.items.count >= Self.capacity { current = State(seq: seq) }
      current.items[slug] = item
    }
    return item
  }
}
