import RapportDomain

/// What an import would do: each row's fate, the commands to append as one batch, and every problem.
public struct ImportPlan: Sendable {
  public struct Row: Sendable, Equatable {
    public enum Action: Sendable, Equatable {
      case add, update, unchanged
      /// Left out on purpose, with why (a HubSpot lead is not a client).
      case skipped(String)
      /// Refused: see the plan's problems.
      case refused
    }
    /// The physical line on which the row starts.
    public var line: Int
    /// Index into the document's records.
    public var record: Int
    public var action: Action
    /// The commands this row makes, as a range of `commands`.
    public var commands: Range<Int>
    /// Why a row is unchanged ("already in the journal", "same as line 12").
    public var note: String?
  }

  public var file: ImportFile
  /// Each row's fate, compactly (see `rows`).
  var table = PlannedRows()
  /// The commands to append as one batch, in order, held compactly.
  public internal(set) var plannedCommands = PlannedCommands()
  /// The commands as an array (made on demand: prefer `plannedCommands` for a large file).
  public var commands: [Command] { Array(plannedCommands) }
  /// For each command, the index of its row (see `commandRows`).
  var rowOfCommand: [UInt32] = []
  public var problems: [ImportProblem] = []

  public var kind: ImportKind { file.kind }

  /// Every row's fate, made on demand (a million-row plan holds them compactly: prefer `rowCount`
  /// and `row(at:)`).
  public var rows: [Row] { (0..<table.count).map { table[$0] } }
  public var rowCount: Int { table.count }
  public func row(at index: Int) -> Row { table[index] }
  /// For each command, the index of its row in `rows`.
  public var commandRows: [Int] { rowOfCommand.map(Int.init) }

  public func count(_ action: Row.Action) -> Int {
    if case .skipped = action { return rows.reduce(0) { $0 + ($1.action == action ? 1 : 0) } }
    return table.count(action)
  }
  public var skipped: Int { table.count(.skipped("")) }

  /// The first `limit` skipped rows.
  public func skippedRows(limit: Int) -> [Row] { table.skipped(limit: limit).map { table[$0] } }

  /// Validates the commands as the journal would, in order, each against the book as the ones before
  /// it left it, and adds a problem (by line and column) for each refused one.
  public mutating func check(against book: Book, in context: Context) {
    guard problems.isEmpty, !plannedCommands.isEmpty else { return }
    let batch = CommandBatch(plannedCommands, in: book, context: context, keeping: .nothing)
    problems += problems(for: batch.refusals)
  }

  /// The refusals of a batch made of this plan's commands, as problems that name their row's line and
  /// the column the refusal is about.
  public func problems(for refusals: [BatchRefusal]) -> [ImportProblem] {
    refusals.compactMap { refusal in
      guard refusal.index < rowOfCommand.count else { return nil }
      let row = table[Int(rowOfCommand[refusal.index])]
      let record = file.document.records[row.record]
      let column = column(for: refusal.error, in: record)
      return ImportProblem(
        file: file.name, line: record.line(ofField: column), column: column + 1,
        field: file.mapping.columns.first { $0.index == column }?.field.name,
        message: "\(kind.rowNoun) refused: \(refusal.error.description)")
    }
  }

  /// The 0-based column a domain refusal is about: the cell holding the refused value, else the column
  /// of the field it names, else the row's first mapped column.
  private func column(for error: DomainError, in record: CSVRecord) -> Int {
    let mapped = file.mapping.columns
    func cell(_ index: Int) -> String { index < record.fields.count ? record.fields[index].trimmed : "" }
    var value: String?
    var fields: [ImportField] = []
    switch error {
    case .invalidValue(let field, let text, _):
      value = text
      fields = ImportField.allCases.filter { field.hasPrefix($0.rawValue) || field.contains($0.rawValue) }
    case .invalidUser(let text): value = text
    case .invalidSlug(let text): value = text
    case .unknownAccount, .duplicateAccount: fields = [.account, .name]
    case .ticketAlreadyOpen, .unknownTicket, .ticketAlreadyClosed: fields = [.ticket]
    case .missingValue(let field):
      fields = ImportField.allCases.filter { field.contains($0.rawValue) }
    default: break
    }
    if let value, let column = mapped.first(where: { cell($0.index) == value }) { return column.index }
    for field in fields { if let column = mapped.first(where: { $0.field == field }) { return column.index } }
    return mapped.first?.index ?? 0
  }

  /// One line saying what a row would do, for a dry run: `add usage acme 2026-11-01 = 1250`.
  public func describe(_ row: Row) -> String {
    let what = plannedCommands[row.commands].map(Self.describe).joined(separator: "; ")
    switch row.action {
    case .add: return "add " + what
    case .update: return "update " + what
    case .unchanged: return "unchanged" + (row.note.map { " (\($0))" } ?? "")
    case .skipped(let why): return "skip: " + why
    case .refused: return "refused"
    }
  }

  static func describe(_ command: Command) -> String {
    switch command {
    case .addAccount(let slug, let profile, _):
      let parts: [String?] = [
        profile.name.map { "\"\($0)\"" }, profile.tier.map { "tier \($0)" }, profile.stage?.rawValue,
        profile.owner.map { "owner \($0)" }, profile.manager.map { "manager \($0)" },
        profile.signed.map { "signed \($0)" }, profile.renewal.map { "renewal \($0)" },
        profile.value.map { "value \($0)" },
      ]
      return "account \(slug): " + parts.compactMap { $0 }.joined(separator: ", ")
    case .updateAccount(let slug, let profile, _):
      let parts: [String?] = [
        profile.name.map { "name \"\($0)\"" }, profile.tier.map { "tier \($0)" }, profile.stage.map { "stage \($0)" },
        profile.owner.map { "owner \($0)" }, profile.manager.map { "manager \($0)" },
        profile.signed.map { "signed \($0)" }, profile.renewal.map { "renewal \($0)" },
        profile.value.map { "value \($0)" },
      ]
      return "account \(slug): " + parts.compactMap { $0 }.joined(separator: ", ")
    case .addContact(let slug, let name, let role, let email, let isSponsor, _):
      return "contact \(slug): \(name)" + (role.map { ", \($0)" } ?? "") + (email.map { " <\($0)>" } ?? "")
        + (isSponsor ? ", sponsor" : "")
    case .recordUsage(let slug, let value, let date): return "usage \(slug) \(date) = \(CSVWriter.cell(.number(value)))"
    case .openTicket(let slug, let ticket, let severity, let date):
      return "ticket \(slug) \(ticket) opened \(date) (\(severity.rawValue))"
    case .closeTicket(let slug, let ticket, let date): return "ticket \(slug) \(ticket) closed \(date)"
    case .recordNPS(let slug, let score, let contact, _, let date):
      return "NPS \(slug) \(date) \(score)" + (contact.map { " from \($0)" } ?? "")
    default: return String(describing: command)
    }
  }
}
