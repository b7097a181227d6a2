import Synchronization

/// Values computed for one account at one journal position, kept until the position moves: what the
/// detail shows for the selected account (its whole assessment, its health over the last weeks) is
/// asked for several times a frame and again as the cursor moves back and forth, and costs a scoring
/// each time it is computed.
final class PositionCache<Value: Sendable>: Sendable {
  /// Accounts kept for one journal position: enough to move back and forth through a screen of rows.
  let capacity: Int

  private struct State: Sendable {
    var seq = -1
    var values: [String: Value] = [:]
  }

  private let state = Mutex(State())

  init(capacity: Int) { self.capacity = capacity }

  /// The value for account `slug` at journal position `seq`, from `make` the first time it is asked for.
  func value(of slug: String, at seq: Int, make: () -> Value) -> Value {
    if let known = state.withLock({ $0.seq == seq ? $0.values[slug] : nil }) { return known }
    let value = make()
    state.withLock { current in
      if current.seq != seq || current.values.count >= capacity { current = State(seq: seq) }
      current.values[slug] = value
    }
    return value
  }
}
