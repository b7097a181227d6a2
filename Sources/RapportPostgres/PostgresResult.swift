/// The rows a statement returned, as text (libpq's text format), read out of libpq at once.
public struct PostgresResult: Sendable, Equatable {
  public var columns: [String]
  /// Each row's values in column order; nil for SQL NULL.
  public var rows: [[String?]]
  /// The count `INSERT`, `UPDATE`, `DELETE`, `COPY` or `SELECT` reports; 0 when the command has none.
  public var affectedRows: Int

  public init(columns: [String], rows: [[String?]], affectedRows: Int) {
    self.columns = columns
    self.rows = rows
    self.affectedRows = affectedRows
  }

  /// The first row's first value: for `SELECT count(*)` and the like.
  public var scalar: String? { rows.first?.first ?? nil }

  /// The value of `column` in row `row`; nil for NULL or an unknown column.
  public func value(_ column: String, row: Int = 0) -> String? {
    guard row < rows.count, let index = columns.firstIndex(of: column) else { return nil }
    return rows[row][index]
  }
}
