/// What closes a play: the entry a front end offers for it (a touchpoint of a kind, a value note, a
/// success criterion, a renewal outcome, an NPS response, the task's completion), and, in words, the
/// evidence the rule in `PlayBook` asks for. No rule reads the words of a summary.
public enum PlayClosing: Sendable, Equatable {
  /// A touchpoint, proposed with this kind and marked `--closes` the play's code.
  case touchpoint(TouchpointKind)
  case valueNote
  case criterion
  case completeTask
  /// `rapport renewal SLUG OUTCOME`.
  case renewalOutcome
  /// `rapport nps SLUG SCORE`.
  case npsResponse

  /// The entry that closes a play of `code`.
  public init(_ code: PlayCode) {
    switch code {
    case .checkIn: self = .touchpoint(.checkIn)
    case .executiveBriefing: self = .touchpoint(.executiveBriefing)
    case .qbr: self = .touchpoint(.qbr)
    case .review: self = .touchpoint(.semiannualReview)
    case .welcomeCall: self = .touchpoint(.welcomeCall)
    case .technicalSetup: self = .touchpoint(.technicalSetup)
    case .thirtyDayCheckIn: self = .touchpoint(.thirtyDayCheckIn)
    case .qbrAgenda, .qbrSummary: self = .touchpoint(.email)
    case .detractorFollowUp, .urgentTicket: self = .touchpoint(.call)
    case .promoterAsk: self = .touchpoint(.referralAsk)
    case .renewalConversation: self = .touchpoint(.call)
    case .handoffCall: self = .touchpoint(.handoffCall)
    case .valueNote: self = .valueNote
    case .successCriteria: self = .criterion
    case .task: self = .completeTask
    case .renewalOutcome: self = .renewalOutcome
    case .npsSurvey: self = .npsResponse
    }
  }

  /// Whether a touchpoint closes it (and so may be marked `--closes` it).
  public var isTouchpoint: Bool {
    if case .touchpoint = self { return true }
    return false
  }

  /// What closes a play of `code`, in words for `why` and the due screen.
  public static func evidence(for code: PlayCode) -> String {
    switch code {
    case .checkIn: return "a meaningful conversation: check-in, call, meeting, QBR or review (not an email or a note)"
    case .executiveBriefing: return "an executive briefing or a QBR"
    case .qbr: return "a QBR"
    case .review: return "a semiannual review or a QBR"
    case .welcomeCall: return "a welcome call"
    case .technicalSetup: return "a technical-setup touchpoint"
    case .thirtyDayCheckIn: return "a 30-day check-in, or a meaningful conversation in the window"
    case .qbrAgenda: return "an entry marked `--closes qbr-agenda` in the 14 days before the QBR"
    case .qbrSummary: return "an entry marked `--closes qbr-summary` within 7 days after the QBR"
    case .detractorFollowUp: return "a meaningful call or meeting with the respondent, on or after the response"
    case .promoterAsk: return "a referral or case-study ask"
    case .renewalConversation:
      return "an entry marked `--closes renewal-conversation`, or the renewal's outcome (`rapport renewal`)"
    case .handoffCall: return "a call or meeting with both the old and the new owner (as writer or `--with`)"
    case .valueNote: return "a value-delivered note"
    case .successCriteria: return "3 to 5 success criteria, each target within six months of signature"
    case .task: return "the task marked done"
    case .renewalOutcome: return "the renewal's outcome: `rapport renewal SLUG renewed|expanded|downsized|churned`"
    case .urgentTicket: return "a meaningful call or meeting on or after the ticket opened, or the ticket closed"
    case .npsSurvey: return "an NPS response (`rapport nps`)"
    }
  }
}

extension TouchpointKind {
  /// A conversation with the client (what a check-in asks for): not an email, a note, an ask or a
  /// setup step.
  public var isConversation: Bool {
    switch self {
    case .checkIn, .call, .meeting, .qbr, .executiveBriefing, .semiannualReview, .welcomeCall, .thirtyDayCheckIn,
      .handoffCall, .savePlan:
      return true
    case .email, .technicalSetup, .referralAsk, .caseStudyAsk, .note: return false
    }
  }

  /// A call or a meeting (what a detractor follow-up or a handoff call asks for), of any named kind.
  public var isCallOrMeeting: Bool {
    switch self {
    case .call, .meeting, .checkIn, .handoffCall, .savePlan, .qbr, .executiveBriefing, .semiannualReview: return true
    default: return false
    }
  }
}
