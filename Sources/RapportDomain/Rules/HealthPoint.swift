/// An account's health as of one day: a point of its history (the detail's sparkline).
public struct HealthPoint: Sendable, Equatable {
  public var day: Day
  /// nil when no measure had data, or the account did not exist yet.
  public var score: Int?
  public var health: Health
  /// Whether the account existed on `day`.
  public var existed: Bool

  public init(day: Day, score: Int?, health: Health, existed: Bool = true) {
    self.day = day
    self.score = score
    self.health = health
    self.existed = existed
  }
}

extension Assessor {
  /// The account's health as of the end of each of the last `weeks` weeks, oldest first: today and
  /// every seventh day before it. Each point is scored as the trend scores the past: what the book
  /// knows now of what had happened by that day, under the rules configured on that day.
  public func healthHistory(of account: Account, weeks: Int = 12) -> [HealthPoint] {
    (0..<max(0, weeks)).reversed().map { weeksAgo in
      let day = today.adding(days: -7 * weeksAgo)
      guard account.createdDay <= day else {
        return HealthPoint(day: day, score: nil, health: .unknown, existed: false)
      }
      let score = HealthModel(today: day, config: book.config(asOf: day)).score(account)
      return HealthPoint(day: day, score: score.score, health: score.health)
    }
  }
}
