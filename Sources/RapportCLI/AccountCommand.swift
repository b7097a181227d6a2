import ArgumentParser
import RapportDomain
import RapportJournal
import RapportText

struct AccountCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "account", abstract: "Add, change, list and show accounts.",
    subcommands: [Add.self, Set.self, List.self, Show.self])

  /// The profile options shared by `add` and `set`.
  struct ProfileOptions: ParsableArguments {
    @Option(help: "Display name (any text).") var name: String?
    @Option(help: "Tier: 1, 2 or 3.") var tier: Int?
    @Option(help: ArgumentHelp("Lifecycle stage: \(Stage.choices).", valueName: "stage")) var stage: String?
    @Option(help: ArgumentHelp("Relationship owner.", valueName: "user"), completion: .owners) var owner: String?
    @Option(help: ArgumentHelp("Account manager.", valueName: "user"), completion: .owners) var manager: String?
    @Option(parsing: .unconditional, help: ArgumentHelp("Contract signature date.", valueName: "date")) var signed:
      String?
    @Option(parsing: .unconditional, help: ArgumentHelp("Renewal date.", valueName: "date")) var renewal: String?
    @Option(help: ArgumentHelp("Annual contract value, e.g. 120000, 120k.", valueName: "amount")) var value: String?

    func profile(_ session: Session) throws -> AccountProfile {
      var profile = AccountProfile(name: name, tier: tier, owner: owner, manager: manager)
      if let stage {
        guard let parsed = Stage(userInput: stage) else {
          throw DomainError.invalidValue(field: "--stage", value: stage, expected: Stage.choices)
        }
        profile.stage = parsed
      }
      if let signed { profile.signed = try session.day(signed, option: "--signed") }
      if let renewal { profile.renewal = try session.day(renewal, option: "--renewal") }
      if let value {
        guard let money = Money(parsing: value) else {
          throw DomainError.invalidValue(field: "--value", value: value, expected: "an amount such as 120000 or 120k")
        }
        profile.value = money
      }
      return profile
    }
  }

  struct Add: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "add", abstract: "Add an account.")
    @OptionGroup var globals: GlobalOptions
    @Argument(help: "Short id: lowercase letters, digits and hyphens (e.g. acme).") var slug: String
    @OptionGroup var profile: ProfileOptions
    @OptionGroup var when: BusinessDateOption

    func run() throws {
      try Session.run(globals) { session in
        let day = try when.day(in: session)
        try session.perform { _ in .addAccount(slug: slug, profile: try profile.profile(session), date: day) }
      }
    }
  }

  struct Set: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "set", abstract: "Change an account's details.")
    @OptionGroup var globals: GlobalOptions
    @Argument(help: "The account's id.", completion: .accountIDs) var slug: String
    @OptionGroup var profile: ProfileOptions
    @OptionGroup var when: BusinessDateOption

    func run() throws {
      try Session.run(globals) { session in
        let day = try when.day(in: session)
        try session.perform { _ in .updateAccount(slug: slug, profile: try profile.profile(session), date: day) }
      }
    }
  }

  struct List: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "list", abstract: "List every account.")
    @OptionGroup var globals: GlobalOptions
    @Option(help: "text or json.") var format: OutputFormat = .text

    func run() throws {
      try Session.run(globals) { session in
        let desk = try session.openDesk()
        AccountListing.print(desk, today: session.today, format: format)
        // Kept until the process exits (see `Session.run`).
        return desk
      }
    }
  }

  struct Show: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "show", abstract: "Show one account in full.")
    @OptionGroup var globals: GlobalOptions
    @Argument(help: "The account's id.", completion: .accountIDs) var slug: String
    @Option(help: "text or json.") var format: OutputFormat = .text

    func run() throws {
      try Session.run(globals) { session in
        let desk = try session.openDesk()
        let account = try desk.book.account(slug)
        switch format {
        case .json: Output.json(AccountJSON.detail(account, book: desk.book))
        case .text: Output.text(AccountText.detail(account, book: desk.book, today: session.today))
        }
        // Kept until the process exits (see `Session.run`).
        return desk
      }
    }
  }
}
