import RapportDomain

/// The health sparkline's points, computed for the account the detail shows and kept per account and
/// journal position: moving through the list scores a dozen past weeks once per account, and a frame
/// drawn again (a key elsewhere, a poll with nothing new) scores nothing.
final class HealthHistoryCache: Sendable {
  /// Weeks the sparkline shows.
  static let weeks = 12
  private let points = PositionCache<[HealthPoint]>(capacity: 128)

  /// The account's health at the end of each of the last `weeks` weeks, oldest first, in `book` at
  /// `seq` (the last point is today's, as the list shows it).
  func history(of item: Assessment, book: Book, at seq: Int, today: Day) -> [HealthPoint] {
    points.value(of: item.account.slug, at: seq) {
      var points = Assessor(book: book, today: today).healthHistory(of: item.account, weeks: Self.weeks)
      // Today's point as the list and the header show it (a passed renewal makes it red).
      if let last = points.indices.last {
        points[last] = HealthPoint(day: today, score: item.health.score, health: item.health.health)
      }
      return points
    }
  }
}
