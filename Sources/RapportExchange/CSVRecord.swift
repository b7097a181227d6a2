/// One CSV record: its fields and the physical line (1-based) on which each field starts, so that a
/// problem in a field that follows a quoted multi-line field still names the right line.
public struct CSVRecord: Sendable, Equatable {
  /// The physical line on which the record starts.
  public var line: Int
  public var fields: [String]
  /// The physical line on which each field starts, index for index with `fields`.
  public var fieldLines: [Int]

  public init(line: Int, fields: [String], fieldLines: [Int]) {
    self.line = line
    self.fields = fields
    self.fieldLines = fieldLines
  }

  /// The line on which field `index` (0-based) starts; the record's last line for a missing field.
  public func line(ofField index: Int) -> Int {
    index < fieldLines.count ? fieldLines[index] : (fieldLines.last ?? line)
  }
}
