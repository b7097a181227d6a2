import RapportDomain

/// One row's cells by field, and the problems found in it.
struct RowReader {
  let record: CSVRecord
  let mapping: HeaderMapping
  let file: String
  private(set) var problems: [ImportProblem] = []

  init(record: CSVRecord, mapping: HeaderMapping, file: String) {
    self.record = record
    self.mapping = mapping
    self.file = file
  }

  struct Cell {
    var text: String
    /// 0-based.
    var column: Int
  }

  func column(of field: ImportField) -> Int? { mapping.column(of: field)?.index }

  /// The trimmed cell of `field`; nil when the file has no column for it.
  func cell(_ field: ImportField) -> Cell? {
    guard let index = column(of: field) else { return nil }
    return Cell(text: index < record.fields.count ? record.fields[index].trimmed : "", column: index)
  }

  func header(of column: Int) -> String {
    guard let header = mapping.columns.first(where: { $0.index == column })?.header else { return "the cell" }
    return "\"\(header)\""
  }

  /// Records a problem in the 0-based `column`, at the line where that cell starts.
  mutating func problem(at column: Int, _ message: String) {
    let field = mapping.columns.first { $0.index == column }?.field.name
    problems.append(
      ImportProblem(
        file: file, line: record.line(ofField: column), column: column + 1, field: field,
        message: (field.map { "\($0): " } ?? "") + message))
  }
}
