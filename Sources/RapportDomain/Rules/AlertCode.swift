/// Alerts that sit beside the score and never hide inside it (stable codes, documented in docs/rules.md).
public enum AlertCode: String, Sendable, CaseIterable, Codable {
  case noOwner = "no-owner"
  case checkinOverdue = "checkin-overdue"
  case detractorOpen = "detractor-open"
  case usageDrop = "usage-drop"
  case ticketSpike = "ticket-spike"
  case criterionStalled = "criterion-stalled"
  case renewalAtRisk = "renewal-at-risk"
  case handoffCallMissing = "handoff-call-missing"
  case onboardingLate = "onboarding-late"
  case valueNoteOverdue = "value-note-overdue"
  /// The renewal date passed with no outcome recorded: the account is red until it is.
  case renewalOverdue = "renewal-overdue"
  /// No renewal date: nothing can warn before it passes.
  case renewalUnknown = "renewal-unknown"
  /// Still onboarding 30 days after signature.
  case onboardingOverdue = "onboarding-overdue"
  /// No success criterion met 30 days after signature (time to first value).
  case firstValueLate = "first-value-late"
  /// An urgent ticket is open.
  case urgentTicket = "urgent-ticket"

  public var label: String {
    switch self {
    case .noOwner: return "no owner"
    case .checkinOverdue: return "check-in overdue"
    case .detractorOpen: return "detractor not followed up"
    case .usageDrop: return "usage dropped"
    case .ticketSpike: return "ticket spike"
    case .criterionStalled: return "success criterion stalled"
    case .renewalAtRisk: return "renewal at risk"
    case .handoffCallMissing: return "handoff call missing"
    case .onboardingLate: return "onboarding step late"
    case .valueNoteOverdue: return "value note overdue"
    case .renewalOverdue: return "renewal overdue: no outcome"
    case .renewalUnknown: return "renewal date unknown"
    case .onboardingOverdue: return "still onboarding after 30 days"
    case .firstValueLate: return "no first value by day 30"
    case .urgentTicket: return "urgent ticket open"
    }
  }
}
