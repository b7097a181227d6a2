/// One line of an account's history, newest first in a timeline.
public struct TimelineEntry: Sendable, Equatable {
  public var seq: Int
  public var day: Day
  /// A stable code: touchpoint, nps, ticket-opened, ticket-closed, criterion-added, criterion-met, value,
  /// qbr, task, task-done, contact, owner, handoff, stage, account, void (the account was voided).
  public var kind: String
  public var title: String
  public var detail: String?
  public var by: String
  public var retraction: Retraction?
  public var isAmended: Bool

  public var isRetracted: Bool { retraction != nil }
}
