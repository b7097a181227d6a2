/// What came of a renewal: recorded with `rapport renewal`, it sets the next renewal date and the value.
public struct RenewalOutcome: Sendable, Equatable {
  public enum Result: String, Sendable, CaseIterable {
    case renewed, expanded, downsized, churned

    public static var choices: String { allCases.map(\.rawValue).joined(separator: ", ") }
  }

  public var meta: EntryMeta
  public var result: Result
  /// The day it was decided (the business date).
  public var date: Day
  /// The renewal date it answers (nil when the account had none).
  public var renewal: Day?
  /// The next renewal date it set (nil for a churn).
  public var nextRenewal: Day?
  /// The contract value from then on (nil: unchanged).
  public var value: Money?
  public var termMonths: Int?
  public var reason: String?

  package init(meta: EntryMeta, _ event: Event.RenewalRecorded) {
    self.meta = meta
    result = event.result
    date = event.date
    renewal = event.renewal
    nextRenewal = event.nextRenewal
    value = event.value
    termMonths = event.termMonths
    reason = event.reason
  }
}

extension String {
  /// Nil for the empty string.
  var nonEmpty: String? { isEmpty ? nil : self }
}
