/// How an account's score moved since a past day, and why: the client, the configuration, or both.
public struct Trend: Sendable, Equatable {
  public enum Direction: String, Sendable, Codable {
    case up, down, flat
    /// No score then (no data, or the account did not exist yet).
    case new
  }

  public enum Source: String, Sendable, Codable {
    case client, configuration, both, none
  }

  public var since: Day
  public var previousScore: Int?
  public var change: Int?
  public var direction: Direction
  public var source: Source
  public var reason: String
  /// The measures that pulled the score down since then (the client's side): a lower score, data lost,
  /// or new data below the old score; the largest weighted fall first. `TrendWords` says them in words.
  public var fallen: [Measure] = []
  /// The rule settings changed since then, "health.green 70 → 75" (empty when none changed).
  public var settingsChanged = ""

  /// ↑ ↓ → or · for new.
  public var arrow: String {
    switch direction {
    case .up: return "↑"
    case .down: return "↓"
    case .flat: return "→"
    case .new: return "·"
    }
  }
}
