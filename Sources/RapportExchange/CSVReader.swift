/// An RFC 4180 reader over bytes: quoted fields with doubled quotes, commas and line breaks inside
/// quotes, CRLF, LF or CR line ends, a UTF-8 byte-order mark, and `,`, `;` or tab separators (found
/// from the header line when not given). Rows may have any number of fields; the caller decides what a
/// ragged row means.
///
/// Written here rather than taken from yaslab/CSV.swift or SwiftCSV: neither reports the physical line
/// of a record or field (they count records, which differ from lines once a quoted field holds a line
/// break), and every import problem must name its file, line and column.
public enum CSVReader {
  public static func read(_ bytes: [UInt8], separator given: UInt8? = nil) throws(CSVError) -> CSVDocument {
    var start = 0
    let hasBOM = bytes.count >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF
    if hasBOM { start = 3 }
    let separator = given ?? detectSeparator(bytes, from: start)
    // Fields are held as 32-bit positions into the bytes.
    guard bytes.count < Int(UInt32.max) else {
      throw CSVError(line: 1, column: 1, reason: "the file is larger than 4 GiB: split it into smaller files")
    }
    var records = CSVRecords(bytes: bytes)
    try bytes.withUnsafeBufferPointer { buffer throws(CSVError) in
      try parse(buffer, from: start, separator: separator, into: &records)
    }
    return CSVDocument(separator: separator, hadByteOrderMark: hasBOM, records: records)
  }

  /// The separator that occurs most often, outside quotes, on the first line: `,` unless `;` or a tab
  /// wins.
  static func detectSeparator(_ bytes: [UInt8], from start: Int) -> UInt8 {
    var counts: [UInt8: Int] = [UInt8(ascii: ","): 0, UInt8(ascii: ";"): 0, 0x09: 0]
    var quoted = false
    var index = start
    while index < bytes.count {
      let byte = bytes[index]
      if byte == UInt8(ascii: "\"") {
        quoted.toggle()
      } else if !quoted {
        if byte == 0x0A || byte == 0x0D { break }
        if counts[byte] != nil { counts[byte, default: 0] += 1 }
      }
      index += 1
    }
    let comma = counts[UInt8(ascii: ","), default: 0]
    let semicolon = counts[UInt8(ascii: ";"), default: 0]
    let tab = counts[0x09, default: 0]
    if semicolon > comma && semicolon >= tab { return UInt8(ascii: ";") }
    if tab > comma && tab > semicolon { return 0x09 }
    return UInt8(ascii: ",")
  }

  private static let quote = UInt8(ascii: "\"")
  private static let lineFeed: UInt8 = 0x0A
  private static let carriageReturn: UInt8 = 0x0D

  private static func parse(
    _ bytes: UnsafeBufferPointer<UInt8>, from start: Int, separator: UInt8, into records: inout CSVRecords
  ) throws(CSVError) {
    var fieldLines: [Int] = []
    var line = 1
    var recordLine = 1
    var index = start
    var field: [UInt8] = []
    let count = bytes.count

    func validate(_ raw: UnsafeBufferPointer<UInt8>.SubSequence, line: Int, column: Int) throws(CSVError) {
      guard String(validating: raw, as: UTF8.self) != nil else {
        throw CSVError(line: line, column: column, reason: "not UTF-8 text (save the file as CSV UTF-8)")
      }
    }

    func finishRecord() {
      // A blank line is one empty field: not a record.
      if records.openRecordIsBlank {
        records.dropOpenFields()
      } else {
        records.finishRecord(line: recordLine, fieldLines: fieldLines)
      }
      fieldLines.removeAll(keepingCapacity: true)
    }

    while true {
      // At the start of a field.
      let fieldLine = line
      let column = records.openFieldCount + 1
      if index < count, bytes[index] == quote {
        let openLine = line
        index += 1
        let contentStart = index
        field.removeAll(keepingCapacity: true)
        var changed = false
        var closed = false
        while index < count {
          let byte = bytes[index]
          if byte == quote {
            if index + 1 < count, bytes[index + 1] == quote {
              field.append(quote)
              changed = true
              index += 2
              continue
            }
            index += 1
            closed = true
            break
          }
          if byte == carriageReturn {
            // A line break inside quotes is kept as LF, whatever the file's line ends.
            field.append(lineFeed)
            changed = true
            line += 1
            index += (index + 1 < count && bytes[index + 1] == lineFeed) ? 2 : 1
            continue
          }
          if byte == lineFeed { line += 1 }
          field.append(byte)
          index += 1
        }
        guard closed else {
          throw CSVError(
            line: openLine, column: column, reason: "a quoted field is never closed (a \" without its closing \")")
        }
        guard index >= count || bytes[index] == separator || bytes[index] == lineFeed || bytes[index] == carriageReturn
        else {
          throw CSVError(
            line: line, column: column,
            reason: "text after the closing quote of a quoted field (a quote inside a field must be doubled: \"\")")
        }
        // The text is the bytes between the quotes unless a quote was doubled or a CR was read as LF.
        let contentEnd = index - 1
        if !changed {
          if field.contains(where: { $0 >= 0x80 }) {
            try field.withUnsafeBufferPointer { raw throws(CSVError) in
              try validate(raw[...], line: fieldLine, column: column)
            }
          }
          records.appendField(start: contentStart, end: contentEnd, unescaped: nil)
        } else {
          guard let text = String(validating: field, as: UTF8.self) else {
            throw CSVError(line: fieldLine, column: column, reason: "not UTF-8 text (save the file as CSV UTF-8)")
          }
          records.appendField(start: contentStart, end: contentEnd, unescaped: text)
        }
      } else {
        let fieldStart = index
        var high: UInt8 = 0
        while index < count {
          let byte = bytes[index]
          if byte == separator || byte == lineFeed || byte == carriageReturn { break }
          high |= byte
          index += 1
        }
        if high >= 0x80 { try validate(bytes[fieldStart..<index], line: fieldLine, column: column) }
        records.appendField(start: fieldStart, end: index, unescaped: nil)
      }
      fieldLines.append(fieldLine)
      // After a field: a separator, a line end, or the end.
      if index >= count {
        finishRecord()
        break
      }
      let byte = bytes[index]
      if byte == separator {
        index += 1
        continue
      }
      // A line end: CRLF, LF or CR.
      index += (byte == carriageReturn && index + 1 < count && bytes[index + 1] == lineFeed) ? 2 : 1
      line += 1
      finishRecord()
      recordLine = line
      if index >= count { break }
    }
  }
}
