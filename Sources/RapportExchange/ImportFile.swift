import RapportDomain

/// A file read and its header mapped: what can be known before looking at the journal.
public struct ImportFile: Sendable {
  public var kind: ImportKind
  /// The file's name as the user gave it (used in every problem).
  public var name: String
  public var document: CSVDocument
  public var mapping: HeaderMapping
  public var options: ImportOptions

  /// Reads `bytes` as CSV and maps its header. Throws the problems that stop a file before any row is
  /// read: not CSV, no header, a required column missing, a `--map` naming no column.
  public init(_ bytes: [UInt8], name: String, kind: ImportKind, options: ImportOptions = ImportOptions())
    throws(ImportProblems)
  {
    self.kind = kind
    self.name = name
    self.options = options
    do {
      document = try CSVReader.read(bytes, separator: options.separator)
    } catch {
      throw ImportProblems([ImportProblem(file: name, line: error.line, column: error.column, message: error.reason)])
    }
    guard let header = document.header else {
      throw ImportProblems([
        ImportProblem(file: name, line: 1, column: 1, message: "the file is empty: expected a header line")
      ])
    }
    mapping = try HeaderMapping.map(header: header, kind: kind, overrides: options.overrides, file: name)
  }

  /// Decides, row by row against `book`, what to write: new rows become commands, rows already in the
  /// journal are left alone ("unchanged"), and every problem is named by line and column.
  public func plan(against book: Book) -> ImportPlan {
    var planner = ImportPlanner(file: self, book: book)
    planner.run()
    return planner.plan
  }
}
