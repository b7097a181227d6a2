import ArgumentParser
import RapportDomain
import RapportJournal
import RapportText

struct ConfigCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "config", abstract: "Show or change the rules' numbers (changes are journal events).",
    subcommands: [Show.self, Set.self])

  struct Show: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "show",
      abstract: "Every setting, its value, its default and what it means.")
    @OptionGroup var globals: GlobalOptions
    @Option(help: "text or json.") var format: OutputFormat = .text

    func run() throws {
      try Session.run(globals) { session in
        let desk = try session.openDesk()
        let config = desk.book.config(asOf: session.today)
        switch format {
        case .json:
          Output.json(
            .array(
              RulesConfig.settings.map { setting in
                .object(
                  JSONObject([
                    ("key", .string(setting.key)), ("value", .number(config[setting.key])),
                    ("default", .number(setting.defaultValue)), ("meaning", .string(setting.meaning)),
                  ]))
              }))
        case .text:
          var table = Table(headers: ["KEY", "VALUE", "DEFAULT", "MEANING"], rightAligned: [1, 2])
          table.maximumColumnWidth = 70
          for setting in RulesConfig.settings {
            table.append([
              setting.key, RulesConfig.format(config[setting.key]), RulesConfig.format(setting.defaultValue),
              setting.meaning,
            ])
          }
          Output.text(table.rendered())
        }
        // Kept until the process exits (see `Session.run`).
        return desk
      }
    }
  }

  struct Set: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "set", abstract: "Change one setting from now on.")
    @OptionGroup var globals: GlobalOptions
    @Argument(help: "The setting (see `rapport config show`).") var key: String
    @Argument(help: "Its new value.") var value: String
    @Option(
      parsing: .unconditional,
      help: ArgumentHelp("The day it takes effect (default today; may be ahead).", valueName: "date"))
    var date: String?

    func run() throws {
      try Session.run(globals) { session in
        guard let number = Double(value), number.isFinite else {
          throw DomainError.invalidValue(field: key, value: value, expected: "a number")
        }
        let day = try session.day(date, option: "--date", default: session.today)
        try session.perform { _ in .setConfig(key: key, value: number, from: day) }
      }
    }
  }
}
