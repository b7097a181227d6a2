/// Where an account is in its lifecycle, in order, plus `churned`.
public enum Stage: String, Sendable, CaseIterable, Codable, BitwiseCopyable {
  case onboarding, activation, growth, retention, advocacy, churned

  public init?(userInput: String) {
    let key = userInput.trimmingSpaces().lowercased()
    if let exact = Stage(rawValue: key) {
      self = exact
      return
    }
    let matches = Stage.allCases.filter { $0.rawValue.hasPrefix(key) }
    guard !key.isEmpty, matches.count == 1 else { return nil }
    self = matches[0]
  }

  public static var choices: String { allCases.map(\.rawValue).joined(separator: ", ") }
}
