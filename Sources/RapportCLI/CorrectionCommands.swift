import ArgumentParser
import RapportDomain
import RapportJournal

struct AmendCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "amend", abstract: "Correct an earlier entry by its sequence number (nothing is edited in place).",
    discussion: "Give only the fields to change. The entry's sequence number is shown by `rapport timeline`.")
  @OptionGroup var globals: GlobalOptions
  @Argument(help: "The entry's sequence number.") var seq: Int
  @Option(
    parsing: .unconditional,
    help: ArgumentHelp(
      "The corrected date (touchpoint, NPS, usage, ticket, value note, QBR, met/closed/done dates).", valueName: "date")
  ) var date: String?
  @Option(help: "Touchpoint kind.") var kind: String?
  @Option(help: "Touchpoint summary.") var summary: String?
  @Option(help: "Touchpoint outcome.") var outcome: String?
  @Option(
    name: .customLong("with"), help: ArgumentHelp("Touchpoint participants, comma-separated.", valueName: "names"))
  var participants: String?
  @Flag(inversion: .prefixedNo, help: "Whether the touchpoint counts as a check-in.") var meaningful: Bool?
  @Option(help: "NPS score.") var score: Int?
  @Option(help: "NPS contact.") var contact: String?
  @Option(help: "NPS comment.") var comment: String?
  @Option(help: "Usage value.") var value: Double?
  @Option(help: "Text of a value note, criterion or task.") var text: String?
  @Option(parsing: .unconditional, help: ArgumentHelp("Criterion target date.", valueName: "date")) var target: String?
  @Option(parsing: .unconditional, help: ArgumentHelp("Task due date.", valueName: "date")) var due: String?
  @Option(help: ArgumentHelp("Task owner.", valueName: "user"), completion: .owners) var owner: String?
  @Option(help: "Ticket severity.") var severity: String?
  @Option(help: "Contact name.") var name: String?
  @Option(help: "Contact role.") var role: String?
  @Option(help: "Contact email.") var email: String?
  @Flag(inversion: .prefixedNo, help: "Whether the contact is the executive sponsor.") var sponsor: Bool?

  func run() throws {
    try Session.run(globals) { session in
      let changes = try self.changes(session)
      try session.perform { _ in .amend(seq: seq, changes: changes) }
    }
  }

  private func changes(_ session: Session) throws -> JSONObject {
    var changes = JSONObject()
    if let date { changes["date"] = .string(try session.day(date, option: "--date").description) }
    if let kind {
      guard let parsed = TouchpointKind(userInput: kind) else {
        throw DomainError.invalidValue(field: "--kind", value: kind, expected: TouchpointKind.choices)
      }
      changes["kind"] = .string(parsed.rawValue)
    }
    if let summary { changes["summary"] = .string(summary) }
    if let outcome { changes["outcome"] = .string(outcome) }
    if let participants { changes["with"] = .array(participants.split(separator: ",").map { .string(String($0)) }) }
    if let meaningful { changes["meaningful"] = .bool(meaningful) }
    if let score { changes["score"] = .number(Double(score)) }
    if let contact { changes["contact"] = .string(contact) }
    if let comment { changes["comment"] = .string(comment) }
    if let value {
      guard Quantity.isAcceptable(value) else {
        throw DomainError.invalidValue(field: "--value", value: String(value), expected: Quantity.expected)
      }
      changes["value"] = .number(value)
    }
    if let text { changes["text"] = .string(text) }
    if let target { changes["target"] = .string(try session.day(target, option: "--target").description) }
    if let due { changes["due"] = .string(try session.day(due, option: "--due").description) }
    if let owner { changes["owner"] = .string(owner) }
    if let severity {
      guard let level = Severity(rawValue: severity.lowercased()) else {
        throw DomainError.invalidValue(field: "--severity", value: severity, expected: Severity.choices)
      }
      changes["severity"] = .string(level.rawValue)
    }
    if let name { changes["name"] = .string(name) }
    if let role { changes["role"] = .string(role) }
    if let email { changes["email"] = .string(email) }
    if let sponsor { changes["sponsor"] = .bool(sponsor) }
    return changes
  }
}

struct RetractCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "retract", abstract: "Withdraw an earlier entry by its sequence number (it stays in the journal).")
  @OptionGroup var globals: GlobalOptions
  @Argument(help: "The entry's sequence number.") var seq: Int
  @Option(help: "Why it is withdrawn.") var reason: String?

  func run() throws {
    try Session.run(globals) { session in try session.perform { _ in .retract(seq: seq, reason: reason) } }
  }
}
