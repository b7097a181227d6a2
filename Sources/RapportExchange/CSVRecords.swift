/// The records of a CSV file, held as positions into the file's bytes rather than as strings: a
/// 1,000,000-row file takes some 40 MB here beside its bytes, against hundreds as `[CSVRecord]`. Each
/// record is made (`CSVRecord`) when it is read.
public struct CSVRecords: RandomAccessCollection, Sendable, Equatable {
  /// The file's bytes.
  let bytes: [UInt8]
  /// For each record, the index of its first field in `fieldStarts`; one more entry ends the last.
  private(set) var firstFields: [UInt32] = [0]
  /// The physical line on which each record starts.
  private(set) var lines: [UInt32] = []
  /// Each field's bytes (inside the quotes of a quoted field).
  private(set) var fieldStarts: [UInt32] = []
  private(set) var fieldEnds: [UInt32] = []
  /// The text of the quoted fields whose text is not their bytes (a doubled quote, a CR line break).
  private(set) var unescaped: [UInt32: String] = [:]
  /// The line of each field of the records that span several lines.
  private(set) var multilineFields: [UInt32: [Int]] = [:]

  init(bytes: [UInt8]) { self.bytes = bytes }

  public var startIndex: Int { 0 }
  public var endIndex: Int { lines.count }

  public subscript(index: Int) -> CSVRecord {
    CSVRecord(
      line: Int(lines[index]), fields: (0..<fieldCount(index)).map { field(index, $0) }, fieldLines: fieldLines(index))
  }

  /// How many fields record `index` has.
  func fieldCount(_ index: Int) -> Int { Int(firstFields[index + 1] - firstFields[index]) }

  /// The text of field `field` of record `index`.
  func field(_ index: Int, _ field: Int) -> String {
    let position = firstFields[index] + UInt32(field)
    if let text = unescaped[position] { return text }
    let start = Int(fieldStarts[Int(position)])
    let end = Int(fieldEnds[Int(position)])
    return bytes.withUnsafeBufferPointer { String(decoding: $0[start..<end], as: UTF8.self) }
  }

  func fieldLines(_ index: Int) -> [Int] {
    multilineFields[UInt32(index)] ?? Array(repeating: Int(lines[index]), count: fieldCount(index))
  }

  // MARK: Building

  mutating func appendField(start: Int, end: Int, unescaped text: String?) {
    if let text { unescaped[UInt32(fieldStarts.count)] = text }
    fieldStarts.append(UInt32(start))
    fieldEnds.append(UInt32(end))
  }

  /// Ends the record whose fields were appended since the last one; `fieldLines` only when they are
  /// not all on `line`.
  mutating func finishRecord(line: Int, fieldLines: [Int]) {
    if fieldLines.contains(where: { $0 != line }) { multilineFields[UInt32(lines.count)] = fieldLines }
    lines.append(UInt32(line))
    firstFields.append(UInt32(fieldStarts.count))
  }

  /// Drops the fields appended since the last record (a blank line).
  mutating func dropOpenFields() {
    let first = Int(firstFields[firstFields.count - 1])
    for position in first..<fieldStarts.count { unescaped[UInt32(position)] = nil }
    fieldStarts.removeSubrange(first...)
    fieldEnds.removeSubrange(first...)
  }

  /// Fields appended since the last record.
  var openFieldCount: Int { fieldStarts.count - Int(firstFields[firstFields.count - 1]) }

  /// Whether the only open field is empty (a blank line).
  var openRecordIsBlank: Bool {
    let first = Int(firstFields[firstFields.count - 1])
    return openFieldCount == 1 && fieldStarts[first] == fieldEnds[first] && (unescaped[UInt32(first)] ?? "").isEmpty
  }

  public static func == (lhs: CSVRecords, rhs: CSVRecords) -> Bool {
    lhs.count == rhs.count && lhs.indices.allSatisfy { lhs[$0] == rhs[$0] }
  }
}
