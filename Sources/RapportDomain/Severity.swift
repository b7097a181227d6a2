/// How bad a support ticket is.
public enum Severity: String, Sendable, CaseIterable, Codable, BitwiseCopyable {
  case low, normal, high, urgent

  public static var choices: String { allCases.map(\.rawValue).joined(separator: ", ") }
}
