import ArgumentParser
import RapportDomain
import RapportJournal
import RapportText

/// `rapport member`: who may write to a shared journal, from which OS login, in which role.
struct MemberCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "member", abstract: "Who may write to this journal, and as whom.",
    discussion: """
      A journal with no members is one person's book: any name may be used. Once its creator (its first \
      admin) adds a member, every write must come from a member's listed login, in their own name; viewers \
      cannot write, and only admins add members, change the config or reassign accounts they do not own.
      """,
    subcommands: [Add.self, List.self])

  struct Add: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "add",
      abstract: "Add a member, or change a member's role, logins or address (admins only).")
    @OptionGroup var globals: GlobalOptions
    @Argument(help: "The name their records carry (`by`, as given with --as).") var name: String
    @Option(
      name: .customLong("login"),
      help: ArgumentHelp("An OS login they write from (repeat for several).", valueName: "login"))
    var logins: [String] = []
    @Option(help: "admin, member or viewer.") var role: String = "member"
    @Option(
      help: ArgumentHelp(
        "Where their digest goes (`rapport digest`): one address, name@example.com. Kept when not given; \"\" removes it.",
        valueName: "address"))
    var email: String?
    @OptionGroup var when: BusinessDateOption

    func run() throws {
      try Session.run(globals) { session in
        guard let parsed = Member.Role(rawValue: role) else {
          throw DomainError.invalidValue(field: "--role", value: role, expected: "admin, member or viewer")
        }
        let day = try when.day(in: session)
        try session.perform { _ in .addMember(name: name, logins: logins, role: parsed, email: email, date: day) }
      }
    }
  }

  struct List: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "list",
      abstract: "List the members, their roles, logins and addresses.")
    @OptionGroup var globals: GlobalOptions
    @Option(help: "text or json.") var format: OutputFormat = .text

    func run() throws {
      try Session.run(globals) { session in
        let desk = try session.openDesk()
        let members = desk.book.members
        switch format {
        case .json:
          Output.json(
            .object(
              JSONObject([
                ("enforced", .bool(members.isEnforced)),
                (
                  "members",
                  .array(
                    members.all.map { member in
                      .object(
                        JSONObject([
                          ("name", .string(member.name)), ("role", .string(member.role.rawValue)),
                          ("logins", .array(member.logins.map { .string($0) })),
                          ("email", member.email.map { .string($0) } ?? .null),
                        ]))
                    })
                ),
              ])))
        case .text:
          if !members.isEnforced {
            Output.line("no members yet: anyone who can write the file writes under any name")
          }
          for member in members.all {
            let logins = member.logins.isEmpty ? "any login" : member.logins.joined(separator: ", ")
            let email = member.email.map { "  \($0)" } ?? ""
            Output.line(TerminalText.sanitised("\(member.name)  \(member.role.rawValue)  \(logins)\(email)"))
          }
        }
        // Kept until the process exits (see `Session.run`).
        return desk
      }
    }
  }
}
