import ArgumentParser
import Glibc
import RapportDomain
import RapportJournal
import RapportText

/// `--format` of `rapport standup`: the summaries also come as Markdown.
enum StandupFormat: String, CaseIterable, Sendable, ExpressibleByArgument {
  case text, markdown, json
}

struct StandupCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "standup",
    abstract: "Run the weekly standup on the dashboard, or print its agenda or its summary.",
    discussion: """
      On a terminal, opens the dashboard's standup (resuming the open one, if the journal has one): one \
      card per account that needs the meeting (unowned, red, score fell since the last standup, renewal \
      at risk or overdue, an NPS detractor not followed up). --agenda prints that agenda instead (also \
      what happens when the output is not a terminal). --summary prints the summary of the standup in \
      progress, else of the last one recorded; --last always the last one recorded. --format text, \
      markdown (the summaries) or json.
      """)
  @OptionGroup var globals: GlobalOptions
  @OptionGroup var dashboard: DashboardOptions
  @Option(help: "Only this owner's accounts.", completion: .owners) var owner: String?
  @Flag(help: "Print the agenda (a pre-read) instead of opening the dashboard.") var agenda = false
  @Flag(help: "Print the summary of the standup in progress, else of the last one recorded.") var summary = false
  @Flag(help: "Print the summary of the last standup recorded.") var last = false
  @Option(help: "text, markdown or json (markdown: --summary and --last).") var format: StandupFormat = .text

  func validate() throws {
    if [agenda, summary, last].filter({ $0 }).count > 1 {
      throw ValidationError("--agenda, --summary and --last print different things: give one of them")
    }
    if format == .markdown, !summary, !last {
      throw ValidationError("--format markdown is for --summary and --last; the agenda comes as text or json")
    }
  }

  func run() throws {
    try Session.run(globals) { session in
      let desk = try session.openDesk()
      if summary || last {
        let found = try Self.summary(of: desk.book, owner: owner, today: session.today, inProgress: summary)
        switch format {
        case .json: Output.json(Self.json(of: found.summary, standup: found.standup))
        case .markdown: printPlain(found.summary.markdown)
        case .text: printPlain(found.summary.text)
        }
      } else if format == .json {
        Output.json(AssessmentJSON.standup(StandupAgenda(book: desk.book, today: session.today, owner: owner)))
      } else if agenda || isatty(1) == 0 {
        printPlain(StandupSummary.text(of: StandupAgenda(book: desk.book, today: session.today, owner: owner)))
      } else {
        try openDashboard(
          session: session, desk: consume desk, themeName: dashboard.theme
        ) { $0.startStandup(owner: owner) }
      }
    }
  }

  /// The summary to print: the open standup's (when `inProgress` and there is one for `owner`, or for
  /// everyone), else the last one recorded for `owner` (anyone's when nil).
  static func summary(of book: Book, owner: String?, today: Day, inProgress: Bool) throws
    -> (summary: StandupSummary, standup: Standup?)
  {
    if inProgress, let open = book.openStandup(owner: owner) {
      return (StandupSummary(open: open, in: book, today: today), nil)
    }
    guard let standup = book.standups.last(where: { owner == nil || $0.owner == owner }) else {
      let what = "standup: none recorded yet" + (owner.map { " for \($0)" } ?? "")
      throw DomainError.missingValue(field: what + " (rapport standup --agenda prints the agenda)")
    }
    return (StandupSummary(standup, in: book), standup)
  }

  /// The summary as JSON: the record's fields (`seq`, `day`, `owner`, `ran_by`, the account ids
  /// `discussed`, `skipped` and `not_reached`, the task ids `actions`), `state` (`open` or `held`),
  /// each account as a `cards` entry and each action item as an `action_items` entry.
  static func json(of summary: StandupSummary, standup: Standup?) -> JSONValue {
    let card = { (card: StandupSummary.Card, outcome: String) -> JSONValue in
      .object(
        JSONObject([
          ("account", .string(card.slug)), ("name", .string(card.name)),
          ("owner", card.owner.map { .string($0) } ?? .null), ("outcome", .string(outcome)),
          ("health", .string(card.health)), ("reasons", .array(card.reasons.map { .string($0.rawValue) })),
          ("note", card.note.map { .string($0) } ?? .null),
        ]))
    }
    let cards =
      summary.discussed.map { card($0, "discussed") } + summary.skipped.map { card($0, "skipped") }
      + summary.notReached.map { card($0, "not-reached") }
    return .object(
      JSONObject([
        ("state", .string(summary.isOpen ? "open" : "held")), ("seq", .number(Double(summary.seq))),
        ("day", .string(summary.day.description)), ("owner", summary.owner.map { .string($0) } ?? .null),
        ("ran_by", .string(summary.ranBy)), ("started", standup?.started.map { .string($0) } ?? .null),
        ("discussed", .array(summary.discussed.map { .string($0.slug) })),
        ("skipped", .array(summary.skipped.map { .string($0.slug) })),
        ("not_reached", .array(summary.notReached.map { .string($0.slug) })),
        ("actions", .array(summary.actions.map { .number(Double($0.task)) })),
        ("cards", .array(cards)),
        (
          "action_items",
          .array(
            summary.actions.map { action in
              .object(
                JSONObject([
                  ("task", .number(Double(action.task))), ("account", .string(action.slug)),
                  ("text", .string(action.text)), ("owner", action.owner.map { .string($0) } ?? .null),
                  ("due", .string(action.due.description)),
                ]))
            })
        ),
      ]))
  }

  /// Prints text made of journal content line by line, each sanitised for the terminal.
  private func printPlain(_ text: String) {
    for line in text.split(separator: "\n", omittingEmptySubsequences: false).dropLast() {
      Output.line(TerminalText.sanitised(String(line)))
    }
  }
}
