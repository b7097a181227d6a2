/// What closes a play, so that a front end can offer the right entry for it: a touchpoint of a kind
/// (with words the rule looks for), a value note, a success criterion, or the task's completion.
public enum PlayClosing: Sendable, Equatable {
  case touchpoint(TouchpointKind, summaryStart: String)
  case valueNote
  case criterion
  case completeTask

  /// The entry that closes a play of `code`, as the rules in `PlayBook` check it.
  public init(_ code: PlayCode) {
    switch code {
    case .checkIn: self = .touchpoint(.checkIn, summaryStart: "")
    case .executiveBriefing: self = .touchpoint(.executiveBriefing, summaryStart: "")
    case .qbr: self = .touchpoint(.qbr, summaryStart: "")
    case .review: self = .touchpoint(.semiannualReview, summaryStart: "")
    case .welcomeCall: self = .touchpoint(.welcomeCall, summaryStart: "")
    case .technicalSetup: self = .touchpoint(.technicalSetup, summaryStart: "")
    case .thirtyDayCheckIn: self = .touchpoint(.thirtyDayCheckIn, summaryStart: "")
    case .qbrAgenda: self = .touchpoint(.email, summaryStart: "QBR agenda: ")
    case .qbrSummary: self = .touchpoint(.email, summaryStart: "QBR summary and action items: ")
    case .detractorFollowUp: self = .touchpoint(.call, summaryStart: "NPS follow-up: ")
    case .promoterAsk: self = .touchpoint(.referralAsk, summaryStart: "")
    // The rule looks for "renew" in a meaningful touchpoint's summary.
    case .renewalConversation: self = .touchpoint(.call, summaryStart: "Renewal: ")
    case .handoffCall: self = .touchpoint(.handoffCall, summaryStart: "")
    case .valueNote: self = .valueNote
    case .successCriteria: self = .criterion
    case .task: self = .completeTask
    }
  }
}
