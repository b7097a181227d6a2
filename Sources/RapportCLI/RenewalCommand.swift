import ArgumentParser
import RapportDomain

/// `rapport renewal SLUG OUTCOME`: what came of a renewal.
struct RenewalCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "renewal", abstract: "Record a renewal's outcome: renewed, expanded, downsized or churned.",
    discussion: """
      Sets the next renewal date (the renewal date plus --term months, 12 by default) and, with --value, the \
      new contract value (required for expanded and downsized). churned moves the account to the churned \
      stage, with --reason. Until an outcome is recorded, a renewal date that has passed keeps the account \
      red (alert renewal-overdue).
      """)
  @OptionGroup var globals: GlobalOptions
  @Argument(help: "The account's id.", completion: .accountIDs) var slug: String
  @Argument(help: ArgumentHelp("The outcome: \(RenewalOutcome.Result.choices).")) var outcome: String
  @Option(help: ArgumentHelp("The contract value from now on (120k, 1.5m, 80000).", valueName: "amount"))
  var value: String?
  @Option(help: ArgumentHelp("The new term in months (default 12).", valueName: "months")) var term: Int?
  @Option(help: "Why (above all, why a client churned or downsized).") var reason: String?
  @OptionGroup var when: BusinessDateOption

  func run() throws {
    try Session.run(globals) { session in
      guard let result = RenewalOutcome.Result(rawValue: outcome.lowercased()) else {
        throw DomainError.invalidValue(field: "outcome", value: outcome, expected: RenewalOutcome.Result.choices)
      }
      let amount = try value.map { text throws(DomainError) -> Money in
        guard let money = Money(parsing: text) else {
          throw .invalidValue(field: "--value", value: text, expected: "an amount such as 120k, 1.5m or 80000")
        }
        return money
      }
      let day = try when.day(in: session)
      try session.perform { _ in
        .recordRenewal(slug: slug, result: result, value: amount, termMonths: term, reason: reason, date: day)
      }
    }
  }
}
