/// Every kind of interaction with a client. All but `note` are meaningful by default.
public enum TouchpointKind: String, Sendable, CaseIterable, Codable, BitwiseCopyable {
  case checkIn = "check-in"
  case call
  case meeting
  case email
  case executiveBriefing = "executive-briefing"
  case qbr
  case semiannualReview = "semiannual-review"
  case welcomeCall = "welcome-call"
  case technicalSetup = "technical-setup"
  case thirtyDayCheckIn = "30-day-check-in"
  case handoffCall = "handoff-call"
  case savePlan = "save-plan"
  case referralAsk = "referral-ask"
  case caseStudyAsk = "case-study-ask"
  case note

  /// Accepts the code, or the words with spaces or underscores, in any case ("Executive briefing").
  public init?(userInput: String) {
    let key = userInput.trimmingSpaces().lowercased().map { $0 == " " || $0 == "_" ? "-" : $0 }
    let normalised = String(key)
    if let exact = TouchpointKind(rawValue: normalised) {
      self = exact
      return
    }
    let aliases: [String: TouchpointKind] = [
      "checkin": .checkIn, "technical-setup-done": .technicalSetup, "30-day": .thirtyDayCheckIn,
      "briefing": .executiveBriefing, "review": .semiannualReview,
    ]
    guard let alias = aliases[normalised] else { return nil }
    self = alias
  }

  public var isMeaningfulByDefault: Bool { self != .note }

  /// Words for people: "executive briefing".
  public var label: String { rawValue.replacingOccurrences(of: "-", with: " ") }

  public static var choices: String { allCases.map(\.rawValue).joined(separator: ", ") }
}
