/// One thing that must happen for an account, by a day.
public struct Play: Sendable, Equatable {
  public var account: String
  public var code: PlayCode
  /// Words for people: "check-in (tier 1, every 7 days)".
  public var title: String
  public var owner: String?
  public var due: Day
  /// The last day it is still on time (after `due` only for windows such as the 30-day check-in).
  public var lateAfter: Day
  /// The task's id, for `task` plays.
  public var taskID: Int?
  /// What closes it, in words (see `PlayClosing.evidence(for:)`).
  public var evidence = ""
  /// Set when the play is listed for someone because they manage the account (not its owner).
  public var managedBy: String?

  public func isOverdue(on today: Day) -> Bool { today > lateAfter }

  /// Days past `lateAfter` (0 when on time).
  public func daysLate(on today: Day) -> Int { max(0, today.days(since: lateAfter)) }
}
