import ArgumentParser
import RapportDomain

struct VoidCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "void", abstract: "Void an account created by mistake (out of every list and metric; its id is free).",
    discussion: """
      The account's history stays in the journal and in `rapport timeline SLUG`, with the void on top; \
      `rapport account add SLUG` then creates a new account with no history from the voided one. Its \
      creator may void it while nobody else has written to it; an admin may void any account (on a \
      journal without members, its creator is the admin).
      """)
  @OptionGroup var globals: GlobalOptions
  @Argument(help: "The account's id.", completion: .accountIDs) var slug: String
  @Option(help: "Why it is voided (e.g. \"created by mistake\").") var reason: String

  func run() throws {
    try Session.run(globals) { session in
      try session.perform { _ in .voidAccount(slug: slug, reason: reason) }
    }
  }
}
