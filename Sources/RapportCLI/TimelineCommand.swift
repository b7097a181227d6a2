import ArgumentParser
import RapportDomain
import RapportJournal
import RapportText

struct TimelineCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "timeline", abstract: "An account's history, newest first.")
  @OptionGroup var globals: GlobalOptions
  @Argument(help: "The account's id.", completion: .accountIDs) var slug: String
  @Flag(help: "Also show retracted entries.") var all = false
  @Option(help: "text or json.") var format: OutputFormat = .text

  func run() throws {
    try Session.run(globals) { session in
      let desk = try session.openDesk()
      let entries = try desk.book.timeline(of: slug, includingRetracted: all)
      switch format {
      case .json: Output.json(.array(entries.map(json)))
      case .text:
        var table = Table(headers: ["SEQ", "DATE", "BY", "WHAT"], rightAligned: [0])
        table.maximumColumnWidth = 100
        for entry in entries {
          var what = entry.title + (entry.detail.map { " — \($0)" } ?? "")
          if entry.isAmended { what += " (amended)" }
          if let retraction = entry.retraction {
            what = "[RETRACTED" + (retraction.reason.map { ": \($0)" } ?? "") + "] " + what
          }
          table.append([String(entry.seq), entry.day.description, entry.by, what])
        }
        Output.text(table.rendered())
      }
      // Kept until the process exits (see `Session.run`).
      return desk
    }
  }

  private func json(_ entry: TimelineEntry) -> JSONValue {
    .object(
      JSONObject([
        ("seq", .number(Double(entry.seq))), ("date", .string(entry.day.description)), ("kind", .string(entry.kind)),
        ("title", .string(entry.title)), ("detail", entry.detail.json), ("by", .string(entry.by)),
        ("amended", .bool(entry.isAmended)), ("retracted", .bool(entry.isRetracted)),
        ("retraction_reason", (entry.retraction?.reason).json),
      ]))
  }
}
