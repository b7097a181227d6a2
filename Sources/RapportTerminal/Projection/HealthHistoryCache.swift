import RapportDomain
import Synchronization

/// The health sparkline's points, computed for the account the detail shows and kept per account and
/// journal position: moving through the list scores a dozen past weeks once per account, and a frame
/// drawn again (a key elsewhere, a poll with nothing new) scores nothing.
final class HealthHistoryCache: Sendable {
  /// Weeks the sparkline shows.
  static let weeks = 12
  /// Accounts kept for one journal position: enough to move back and forth through a screen of rows.
  static let capacity = 128

  private struct State {
    var seq = -1
    var points: [String: [HealthPoint]] = [:]
  }

  private let state = Mutex(State())

  /// The account's health at the end of each of the last `weeks` weeks, oldest first, in `book` at
  /// `seq` (the last point is today's, as the list shows it).
  func history(of item: Assessment, book: Book, at seq: Int, today: Day) -> [HealthPoint] {
    let slug = item.account.slug
    if let known = state.withLock({ $0.seq == seq ? $0.points[slug] : nil }) { return known }
    var points = Assessor(book: book, today: today).healthHistory(of: item.account, weeks: Self.weeks)
    // Today's point as the list and the header show it (a passed renewal makes it red).
    if let last = points.indices.last {
      points[last] = HealthPoint(day: today, score: item.health.score, health: item.health.health)
    }
    state.withLock { current in
      if current.seq != seq || current.points.count >= Self.capacity { current = State(seq: seq) }
      current.points[slug] = points
    }
    return points
  }
}
