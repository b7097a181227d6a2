/// A whole CSV file, read.
public struct CSVDocument: Sendable, Equatable {
  /// The separator found (or given): `,`, `;` or a tab.
  public var separator: UInt8
  public var hadByteOrderMark: Bool
  /// Every record, the header first. Blank lines are left out.
  public var records: CSVRecords

  public var header: CSVRecord? { records.first }
  public var rows: Slice<CSVRecords> { records.dropFirst() }

  public var separatorName: String {
    switch separator {
    case UInt8(ascii: ";"): return "semicolon"
    case 0x09: return "tab"
    default: return "comma"
    }
  }
}
