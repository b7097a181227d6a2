/// What must happen next, as stable codes for scripts (documented in docs/rules.md).
public enum PlayCode: String, Sendable, CaseIterable, Codable, BitwiseCopyable {
  case checkIn = "checkin"
  case executiveBriefing = "exec-briefing"
  case qbr
  case review
  case welcomeCall = "welcome-call"
  case successCriteria = "success-criteria"
  case technicalSetup = "technical-setup"
  case thirtyDayCheckIn = "30-day-checkin"
  case qbrAgenda = "qbr-agenda"
  case qbrSummary = "qbr-summary"
  case detractorFollowUp = "detractor-followup"
  case promoterAsk = "promoter-ask"
  case renewalConversation = "renewal-conversation"
  case handoffCall = "handoff-call"
  case valueNote = "value-note"
  case task
  /// A renewal date passed with no outcome recorded.
  case renewalOutcome = "renewal-outcome"
  /// An urgent ticket open: the owner calls within a day.
  case urgentTicket = "urgent-ticket"
  /// No NPS response in 91 days.
  case npsSurvey = "nps-survey"

  public var isOnboarding: Bool {
    switch self {
    case .welcomeCall, .successCriteria, .technicalSetup, .thirtyDayCheckIn: return true
    default: return false
    }
  }
}
