import ArgumentParser
import RapportDomain

struct TouchCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "touch", abstract: "Log a touchpoint: a call, meeting, QBR, note...")
  @OptionGroup var globals: GlobalOptions
  @Argument(help: "The account's id.", completion: .accountIDs) var slug: String
  @Option(
    help: ArgumentHelp("What kind: \(TouchpointKind.choices) (default call).", valueName: "kind"),
    completion: .list(TouchpointKind.allCases.map(\.rawValue)))
  var kind: String = TouchpointKind.call.rawValue
  @Option(help: "What happened.") var summary: String
  @Option(parsing: .unconditional, help: ArgumentHelp("When it happened (default today).", valueName: "date")) var date:
    String?
  @Option(name: .customLong("with"), help: ArgumentHelp("Participants, comma-separated.", valueName: "names"))
  var participants: String?
  @Option(help: "The outcome.") var outcome: String?
  @Option(name: .customLong("follow-up"), help: ArgumentHelp("A follow-up task (needs --due).", valueName: "text"))
  var followUp: String?
  @Option(parsing: .unconditional, help: ArgumentHelp("When the follow-up is due.", valueName: "date")) var due: String?
  @Option(
    name: .customLong("follow-up-owner"),
    help: ArgumentHelp("Who owns the follow-up (default: the account owner).", valueName: "user"), completion: .owners)
  var followUpOwner: String?
  @Flag(name: .customLong("not-meaningful"), help: "Does not count as a check-in.") var notMeaningful = false
  @Option(
    help: ArgumentHelp(
      "The play this entry closes (a code from `rapport due`): required to close qbr-agenda, qbr-summary and"
        + " renewal-conversation.", valueName: "play"),
    completion: .list(PlayCode.allCases.map(\.rawValue)))
  var closes: String?

  func validate() throws {
    if followUp != nil, due == nil { throw ValidationError("--follow-up needs --due DATE") }
    if due != nil, followUp == nil { throw ValidationError("--due goes with --follow-up TEXT") }
  }

  func run() throws {
    try Session.run(globals) { session in
      guard let parsedKind = TouchpointKind(userInput: kind) else {
        throw DomainError.invalidValue(field: "--kind", value: kind, expected: TouchpointKind.choices)
      }
      var input = TouchpointInput(
        kind: parsedKind, date: try session.day(date, option: "--date", default: session.today), summary: summary,
        participants: participants?.split(separator: ",").map(String.init) ?? [], outcome: outcome,
        meaningful: notMeaningful ? false : nil,
        closes: try closes.map { code throws(DomainError) in try Event.TouchpointLogged.playCode(code) })
      if let followUp {
        input.followUp = .init(text: followUp, due: try session.day(due, option: "--due"), owner: followUpOwner)
      }
      try session.perform { _ in .logTouchpoint(slug: slug, input) }
    }
  }
}

struct NPSCommand: ParsableCommand {
  static let configuration = CommandConfiguration(commandName: "nps", abstract: "Record an NPS response (0–10).")
  @OptionGroup var globals: GlobalOptions
  @Argument(help: "The account's id.", completion: .accountIDs) var slug: String
  // Collected as "unrecognized" so that a negative score such as -1 reaches the range check instead
  // of being taken for an option.
  @Argument(parsing: .allUnrecognized, help: ArgumentHelp("The score, 0 to 10.", valueName: "score"))
  var scoreWords: [String] = []
  @Option(help: "Who answered.") var contact: String?
  @Option(help: "What they said.") var comment: String?
  @Option(parsing: .unconditional, help: ArgumentHelp("When they answered (default today).", valueName: "date"))
  var date: String?

  func run() throws {
    try Session.run(globals) { session in
      guard scoreWords.count == 1, let score = scoreWords.first else {
        if scoreWords.isEmpty { throw DomainError.missingValue(field: "score (0 to 10)") }
        throw DomainError.invalidValue(
          field: "score", value: scoreWords.joined(separator: " "), expected: "one whole number from 0 to 10")
      }
      guard let value = Int(score) else {
        throw DomainError.invalidValue(field: "score", value: score, expected: "a whole number from 0 to 10")
      }
      let day = try session.day(date, option: "--date", default: session.today)
      try session.perform { _ in .recordNPS(slug: slug, score: value, contact: contact, comment: comment, date: day) }
    }
  }
}

struct UsageCommand: ParsableCommand {
  static let configuration = CommandConfiguration(commandName: "usage", abstract: "Record a product usage sample.")
  @OptionGroup var globals: GlobalOptions
  @Argument(help: "The account's id.", completion: .accountIDs) var slug: String
  @Argument(help: "The measured value (a number from 0 to 10^15).") var value: String
  @Option(parsing: .unconditional, help: ArgumentHelp("When it was measured (default today).", valueName: "date"))
  var date: String?

  func run() throws {
    try Session.run(globals) { session in
      guard let number = Double(value), Quantity.isAcceptable(number) else {
        throw DomainError.invalidValue(field: "usage value", value: value, expected: Quantity.expected)
      }
      let day = try session.day(date, option: "--date", default: session.today)
      try session.perform { _ in .recordUsage(slug: slug, value: number, date: day) }
    }
  }
}

struct TicketCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "ticket", abstract: "Open or close support tickets.", subcommands: [Open.self, Close.self])

  struct Open: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "open", abstract: "Record a ticket opened.")
    @OptionGroup var globals: GlobalOptions
    @Argument(help: "The account's id.", completion: .accountIDs) var slug: String
    @Argument(help: "The ticket's id in your help desk.") var ticket: String
    @Option(help: ArgumentHelp("low, normal, high or urgent.", valueName: "severity")) var severity: String = "normal"
    @Option(parsing: .unconditional, help: ArgumentHelp("When it was opened (default today).", valueName: "date"))
    var date: String?

    func run() throws {
      try Session.run(globals) { session in
        guard let level = Severity(rawValue: severity.lowercased()) else {
          throw DomainError.invalidValue(field: "--severity", value: severity, expected: Severity.choices)
        }
        let day = try session.day(date, option: "--date", default: session.today)
        try session.perform { _ in .openTicket(slug: slug, ticket: ticket, severity: level, date: day) }
      }
    }
  }

  struct Close: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "close", abstract: "Record a ticket closed.")
    @OptionGroup var globals: GlobalOptions
    @Argument(help: "The account's id.", completion: .accountIDs) var slug: String
    @Argument(help: "The ticket's id.") var ticket: String
    @Option(parsing: .unconditional, help: ArgumentHelp("When it was closed (default today).", valueName: "date"))
    var date: String?

    func run() throws {
      try Session.run(globals) { session in
        let day = try session.day(date, option: "--date", default: session.today)
        try session.perform { _ in .closeTicket(slug: slug, ticket: ticket, date: day) }
      }
    }
  }
}

struct CriterionCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "criterion", abstract: "Add or meet success criteria.", subcommands: [Add.self, Met.self])

  struct Add: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "add", abstract: "Add a measurable success criterion.")
    @OptionGroup var globals: GlobalOptions
    @Argument(help: "The account's id.", completion: .accountIDs) var slug: String
    @Argument(help: "The criterion.") var text: String
    @Option(parsing: .unconditional, help: ArgumentHelp("When it should be met.", valueName: "date")) var target:
      String?
    @OptionGroup var when: BusinessDateOption

    func run() throws {
      try Session.run(globals) { session in
        let targetDay = try target.map { try session.day($0, option: "--target") }
        let day = try when.day(in: session)
        try session.perform { _ in .addCriterion(slug: slug, text: text, target: targetDay, date: day) }
      }
    }
  }

  struct Met: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "met", abstract: "Mark a success criterion met.")
    @OptionGroup var globals: GlobalOptions
    @Argument(help: "The account's id.", completion: .accountIDs) var slug: String
    @Argument(help: "The criterion's number (see `rapport account show`).") var number: Int
    @Option(parsing: .unconditional, help: ArgumentHelp("When it was met (default today).", valueName: "date"))
    var date: String?

    func run() throws {
      try Session.run(globals) { session in
        let day = try session.day(date, option: "--date", default: session.today)
        try session.perform { _ in .meetCriterion(slug: slug, number: number, date: day) }
      }
    }
  }
}

struct ValueCommand: ParsableCommand {
  static let configuration = CommandConfiguration(commandName: "value", abstract: "Note value delivered to a client.")
  @OptionGroup var globals: GlobalOptions
  @Argument(help: "The account's id.", completion: .accountIDs) var slug: String
  @Argument(help: "What value was delivered.") var text: String
  @Option(parsing: .unconditional, help: ArgumentHelp("When (default today).", valueName: "date")) var date: String?

  func run() throws {
    try Session.run(globals) { session in
      let day = try session.day(date, option: "--date", default: session.today)
      try session.perform { _ in .noteValue(slug: slug, text: text, date: day) }
    }
  }
}

struct QBRCommand: ParsableCommand {
  static let configuration = CommandConfiguration(commandName: "qbr", abstract: "Schedule a quarterly business review.")
  @OptionGroup var globals: GlobalOptions
  @Argument(help: "The account's id.", completion: .accountIDs) var slug: String
  @Argument(help: "The QBR's date.") var date: String
  @Option(
    name: .customLong("on"), parsing: .unconditional,
    help: ArgumentHelp("When it was put on the calendar (default today).", valueName: "date"))
  var scheduledOn: String?

  func run() throws {
    try Session.run(globals) { session in
      let day = try session.day(date, option: "date")
      let on = try scheduledOn.map { try session.day($0, option: "--on") }
      try session.perform { _ in .scheduleQBR(slug: slug, date: day, on: on) }
    }
  }
}

struct TaskCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "task", abstract: "Add or complete tasks.", subcommands: [Add.self, Done.self])

  struct Add: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "add", abstract: "Add a task with a due date.")
    @OptionGroup var globals: GlobalOptions
    @Argument(help: "The account's id.", completion: .accountIDs) var slug: String
    @Argument(help: "What must be done.") var text: String
    @Option(parsing: .unconditional, help: ArgumentHelp("When it is due.", valueName: "date")) var due: String
    @Option(
      help: ArgumentHelp("Who does it (default: the account owner, else you).", valueName: "user"), completion: .owners)
    var owner: String?
    @OptionGroup var when: BusinessDateOption

    func run() throws {
      try Session.run(globals) { session in
        let dueDay = try session.day(due, option: "--due")
        let day = try when.day(in: session)
        try session.perform { _ in .addTask(slug: slug, text: text, due: dueDay, owner: owner, date: day) }
      }
    }
  }

  struct Done: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "done", abstract: "Mark a task done.")
    @OptionGroup var globals: GlobalOptions
    @Argument(help: "The task's number.") var id: Int
    @Option(parsing: .unconditional, help: ArgumentHelp("When it was done (default today).", valueName: "date"))
    var date: String?

    func run() throws {
      try Session.run(globals) { session in
        let day = try session.day(date, option: "--date", default: session.today)
        try session.perform { _ in .completeTask(id: id, date: day) }
      }
    }
  }
}
