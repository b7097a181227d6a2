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

  /// `init(rawValue:)` through a table first: a replay reads every touchpoint's kind, and the
  /// synthesized initialiser compares the text with each case in turn (still asked on a miss, so
  /// that a text equal to a code as strings compare, bytes aside, reads as that code as ever).
  static func named(_ code: String) -> TouchpointKind? { byCode[code] ?? TouchpointKind(rawValue: code) }

  private static let byCode: StringTable<TouchpointKind> = {
    var table = StringTable<TouchpointKind>(minimumCapacity: allCases.count)
    for kind in allCases { table[kind.rawValue] = kind }
    return table
  }()

  public var isMeaningfulByDefault: Bool { self != .note }

  /// Words for people: "executive briefing".
  public var label: String { rawValue.replacingOccurrences(of: "-", with: " ") }

  public static var choices: String { allCases.map(\.rawValue).joined(separator: ", ") }
}
