import ArgumentParser
import RapportDomain

struct OwnerCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "owner", abstract: "Assign an account's relationship owner.")
  @OptionGroup var globals: GlobalOptions
  @Argument(help: "The account's id.", completion: .accountIDs) var slug: String
  @Argument(help: "The new owner.", completion: .owners) var user: String
  @OptionGroup var when: BusinessDateOption

  func run() throws {
    try Session.run(globals) { session in
      let day = try when.day(in: session)
      try session.perform { _ in .assignOwner(slug: slug, owner: user, date: day) }
    }
  }
}

struct HandoffCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "handoff", abstract: "Hand an account to a new owner (opens a joint handoff call).")
  @OptionGroup var globals: GlobalOptions
  @Argument(help: "The account's id.", completion: .accountIDs) var slug: String
  @Option(help: ArgumentHelp("The new owner.", valueName: "user"), completion: .owners) var to: String
  @Option(help: "Context for the new owner.") var note: String?
  @OptionGroup var when: BusinessDateOption

  func run() throws {
    try Session.run(globals) { session in
      let day = try when.day(in: session)
      try session.perform { _ in .handOff(slug: slug, to: to, note: note, date: day) }
    }
  }
}

struct StageCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "stage", abstract: "Move an account to another lifecycle stage.")
  @OptionGroup var globals: GlobalOptions
  @Argument(help: "The account's id.", completion: .accountIDs) var slug: String
  @Argument(help: ArgumentHelp("The stage: \(Stage.choices).")) var stage: String
  @Option(help: "Why (above all, why a client churned).") var reason: String?
  @OptionGroup var when: BusinessDateOption

  func run() throws {
    try Session.run(globals) { session in
      guard let parsed = Stage(userInput: stage) else {
        throw DomainError.invalidValue(field: "stage", value: stage, expected: Stage.choices)
      }
      let day = try when.day(in: session)
      try session.perform { _ in .changeStage(slug: slug, stage: parsed, reason: reason, date: day) }
    }
  }
}

struct ContactCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "contact", abstract: "Add contacts.", subcommands: [Add.self])

  struct Add: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "add", abstract: "Add a contact to an account.")
    @OptionGroup var globals: GlobalOptions
    @Argument(help: "The account's id.", completion: .accountIDs) var slug: String
    @Option(help: "The person's name.") var name: String
    @Option(help: "Their role, e.g. CFO.") var role: String?
    @Option(help: "Their email address.") var email: String?
    @Flag(help: "They are the executive sponsor.") var sponsor = false
    @OptionGroup var when: BusinessDateOption

    func run() throws {
      try Session.run(globals) { session in
        let day = try when.day(in: session)
        try session.perform { _ in
          .addContact(slug: slug, name: name, role: role, email: email, isSponsor: sponsor, date: day)
        }
      }
    }
  }
}
