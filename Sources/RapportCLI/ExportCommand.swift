import ArgumentParser
import Glibc
import RapportDomain
import RapportExchange
import RapportJournal

/// `--format csv|json` for exports.
enum ExportFormat: String, CaseIterable, Sendable, ExpressibleByArgument {
  case csv, json
}

/// What `rapport export` writes.
enum ExportSubject: String, CaseIterable, Sendable, ExpressibleByArgument {
  case accounts, board, timeline, touchpoints, due, calendar
}

struct ExportCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "export",
    abstract: "Write accounts, the board, timelines, touchpoints or what is due as CSV or JSON; or a calendar file.",
    discussion: """
      CSV and JSON use the field names of the read commands' JSON (`account list`, `board`, `timeline`, \
      `due`); CSV lines end in CRLF and quote what needs quoting (RFC 4180). `export calendar` writes an \
      iCalendar (RFC 5545) file of the open plays (to-dos, or all-day events with --plays events) and the \
      scheduled QBRs (all-day events), with stable UIDs so that a newer file updates a calendar instead of \
      duplicating it. `export accounts --format csv` is what `rapport import accounts` reads back.
      """)

  @OptionGroup var globals: GlobalOptions
  @Argument(help: ArgumentHelp("accounts, board, timeline, touchpoints, due or calendar.", valueName: "what"))
  var subject: ExportSubject
  @Option(help: "csv or json (not for calendar).") var format: ExportFormat?
  @Option(name: .shortAndLong, help: ArgumentHelp("Write to this file instead of standard output.", valueName: "path"))
  var output: String?
  @Option(help: ArgumentHelp("Only this owner's accounts or plays.", valueName: "user"), completion: .owners) var owner:
    String?
  @Option(help: ArgumentHelp("Only this account (timeline, touchpoints).", valueName: "id")) var account: String?
  @Flag(help: "Also retracted entries (timeline, touchpoints).") var all = false
  @Option(help: ArgumentHelp("Plays in a calendar as todos (VTODO) or events (VEVENT).", valueName: "todos|events"))
  var plays: String = "todos"

  func validate() throws {
    if subject == .calendar, format != nil { throw ValidationError("export calendar writes iCalendar: drop --format") }
    if CalendarExport.PlayStyle(rawValue: plays) == nil { throw ValidationError("--plays must be todos or events") }
    if account != nil, subject != .timeline, subject != .touchpoints {
      throw ValidationError("--account goes with timeline or touchpoints")
    }
  }

  func run() throws {
    try Session.run(globals) { session in
      let desk = try session.openDesk()
      if subject == .timeline || subject == .touchpoints {
        // Row by row: a whole book's timeline held at once took hundreds of megabytes.
        try writeStreaming { emit in try streamRows(desk.book, format: format ?? .csv, emit: emit) }
      } else if subject == .calendar {
        try writeStreaming { emit in try streamCalendar(desk.book, today: session.today, emit: emit) }
      } else {
        try write(try render(desk.book, session: session))
      }
      // Kept until the process exits (see `Session.run`).
      return desk
    }
  }

  private func render(_ book: Book, session: Session) throws -> String {
    let today = session.today
    let format = self.format ?? .csv
    switch subject {
    case .accounts:
      let accounts = book.allAccounts.filter { owner == nil || $0.owner == owner }
      return table(
        accounts.map { AccountJSON.summary($0, book: book) }, format: format,
        columns: [
          "account", "name", "tier", "stage", "owner", "manager", "signed", "renewal", "value", "last_touch",
          "open_tasks",
        ])
    case .board:
      let rows = Assessor(book: book, today: today).board().filter { owner == nil || $0.account.owner == owner }
      if format == .json {
        return String(decoding: Output.jsonArrayBytes(rows, AssessmentJSON.board), as: UTF8.self) + "\n"
      }
      return BoardCSV.text(rows)
    case .due:
      let all = PlayBook(book: book, today: today, config: book.config(asOf: today)).allPlays()
      let plays = owner.map { PlayBook.plays(all, for: $0, in: book) } ?? all
      return table(
        plays.map { AssessmentJSON.play($0, today: today) }, format: format,
        columns: [
          "account", "play", "title", "owner", "due", "overdue", "days_late", "task", "managed_by", "closed_by",
        ])
    case .timeline, .touchpoints, .calendar:
      // Streamed by `streamRows` and `streamCalendar`.
      return ""
    }
  }

  private func streamCalendar(_ book: Book, today: Day, emit: (String) throws -> Void) throws {
    let plays = PlayBook(book: book, today: today, config: book.config(asOf: today)).allPlays().filter {
      owner == nil || $0.owner == owner
    }
    // DTSTAMP is the start of `today` (UTC), not the wall clock: the same journal and --today export the
    // same bytes, and a calendar that re-imports the file sees no change when none was made.
    try CalendarExport.write(
      book: book, plays: plays, today: today, now: Timestamp(milliseconds: Int64(today.number) * 86_400_000),
      style: CalendarExport.PlayStyle(rawValue: self.plays) ?? .todos, owner: owner, emit: emit)
  }

  /// The rows of `export timeline` or `export touchpoints`, account by account, in the bytes `table`
  /// would give for them all: a JSON array written element by element, or CSV's header then its lines.
  private func streamRows(_ book: Book, format: ExportFormat, emit: (String) throws -> Void) throws {
    let columns =
      subject == .timeline
      ? ["account", "seq", "date", "kind", "title", "detail", "by", "amended", "retracted", "retraction_reason"]
      : ["account", "seq", "date", "kind", "summary", "outcome", "with", "meaningful", "by", "amended", "retracted"]
    var first = true
    try emit(format == .json ? "[" : CSVWriter.line(columns))
    for account in try selectedAccounts(book) {
      for row in try rows(of: account, in: book, format: format) {
        switch format {
        case .json: try emit((first ? "" : ",") + JSONWriter.string(of: row))
        case .csv:
          guard let object = row.objectValue else { continue }
          try emit(CSVWriter.line(columns.map { CSVWriter.cell(object[$0]) }))
        }
        first = false
      }
    }
    if format == .json { try emit("]\n") }
  }

  private func rows(of account: Account, in book: Book, format: ExportFormat) throws -> [JSONValue] {
    var rows: [JSONValue] = []
    if subject == .timeline {
      for entry in try book.timeline(of: account.slug, includingRetracted: all) {
        rows.append(
          .object(
            JSONObject([
              ("account", .string(account.slug)), ("seq", .number(Double(entry.seq))),
              ("date", .string(entry.day.description)), ("kind", .string(entry.kind)),
              ("title", .string(entry.title)),
              ("detail", entry.detail.json), ("by", .string(entry.by)), ("amended", .bool(entry.isAmended)),
              ("retracted", .bool(entry.isRetracted)), ("retraction_reason", (entry.retraction?.reason).json),
            ])))
      }
      return rows
    }
    for touchpoint in account.touchpoints.sorted(by: { ($0.date, $0.meta.seq) < ($1.date, $1.meta.seq) })
    where all || !touchpoint.meta.isRetracted {
      let with: JSONValue =
        format == .json
        ? .array(touchpoint.participants.map { .string($0) })
        : .string(touchpoint.participants.joined(separator: ", "))
      rows.append(
        .object(
          JSONObject([
            ("account", .string(account.slug)), ("seq", .number(Double(touchpoint.meta.seq))),
            ("date", .string(touchpoint.date.description)), ("kind", .string(touchpoint.kind.rawValue)),
            ("summary", .string(touchpoint.summary)), ("outcome", touchpoint.outcome.json), ("with", with),
            ("meaningful", .bool(touchpoint.isMeaningful)), ("by", .string(touchpoint.meta.recordedBy)),
            ("amended", .bool(!touchpoint.meta.amendments.isEmpty)),
            ("retracted", .bool(touchpoint.meta.isRetracted)),
          ])))
    }
    return rows
  }

  /// `write` for output made piece by piece: gathered into chunks of about a megabyte, each written
  /// to standard output as it fills, or to `--output`'s new file (see `ExportFile`).
  private func writeStreaming(_ produce: ((String) throws -> Void) throws -> Void) throws {
    guard let output else {
      var chunk = ""
      try produce { piece in
        chunk += piece
        if chunk.utf8.count >= 1 << 20 {
          Output.text(chunk)
          chunk = ""
        }
      }
      Output.text(chunk)
      return
    }
    try ExportFile.write(to: output, producing: produce)
    Output.note("wrote \(output)")
  }

  private func selectedAccounts(_ book: Book) throws -> [Account] {
    if let account { return [try book.account(account)] }
    return book.allAccounts.filter { owner == nil || $0.owner == owner }
  }

  private func table(_ rows: [JSONValue], format: ExportFormat, columns: [String]) -> String {
    switch format {
    case .json: return JSONWriter.string(of: .array(rows)) + "\n"
    case .csv: return CSVWriter.table(rows.compactMap(\.objectValue), columns: columns)
    }
  }

  /// Standard output (a failure there is reported by `Session.run`), or `--output` (see `ExportFile`:
  /// created 0600 beside the target, renamed into place when complete, never through a link).
  private func write(_ text: String) throws {
    guard let output else {
      Output.text(text)
      return
    }
    try ExportFile.write(Array(text.utf8), to: output)
    Output.note("wrote \(output)")
  }
}
