import RapportJournal

/// Who acts, and when: the one value through which the clock and the acting user reach the domain.
/// The front ends build it (from the wall clock, `--today` and the login); tests build it by hand, so no
/// rule, default date or record depends on the day the code runs.
public struct Context: Sendable, Equatable {
  /// When a record is written (its `at`).
  public var now: Timestamp
  /// The day taken as today by every rule and default date (the business date of an undated write).
  public var today: Day
  /// Who acts (the record's `by`).
  public var user: String
  /// The OS account the write comes from (the record's `login`): the process's own for the front ends.
  public var login: String

  public init(now: Timestamp, today: Day, user: String, login: String = Journal.processLogin) {
    self.now = now
    self.today = today
    self.user = user
    self.login = login
  }
}
