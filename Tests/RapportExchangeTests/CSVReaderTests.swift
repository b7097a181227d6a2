import RapportExchange
import XCTest

/// The CSV reader on the shapes real exports take: what each record holds and on which physical line
/// each field starts.
final class CSVReaderTests: XCTestCase {
  private func read(_ text: String, separator: UInt8? = nil) throws -> CSVDocument {
    try CSVReader.read(Array(text.utf8), separator: separator)
  }

  private func fields(_ document: CSVDocument) -> [[String]] { document.records.map(\.fields) }

  func testPlainRowsWithLFAndNoFinalNewline() throws {
    let document = try read("a,b,c\n1,2,3\n4,5,6")
    XCTAssertEqual(fields(document), [["a", "b", "c"], ["1", "2", "3"], ["4", "5", "6"]])
    XCTAssertEqual(document.records.map(\.line), [1, 2, 3])
    XCTAssertEqual(document.separatorName, "comma")
  }

  func testByteOrderMarkIsDroppedFromTheFirstHeader() throws {
    let document = try CSVReader.read([0xEF, 0xBB, 0xBF] + Array("account,value\r\nacme,1\r\n".utf8))
    XCTAssertTrue(document.hadByteOrderMark)
    XCTAssertEqual(document.header?.fields, ["account", "value"])
    XCTAssertEqual(document.rows.map(\.fields), [["acme", "1"]])
  }

  func testCRLFAndLoneCRLineEnds() throws {
    let document = try read("a,b\r\n1,2\r\n3,4\r5,6\r\n")
    XCTAssertEqual(fields(document), [["a", "b"], ["1", "2"], ["3", "4"], ["5", "6"]])
    XCTAssertEqual(document.records.map(\.line), [1, 2, 3, 4])
  }

  func testSemicolonSeparatorIsFoundFromTheHeader() throws {
    let document = try read("Company name;Annual Revenue;Note\r\n\"Acme, Inc\";\"120.000,50\";a,b\r\n")
    XCTAssertEqual(document.separatorName, "semicolon")
    XCTAssertEqual(document.rows.first?.fields, ["Acme, Inc", "120.000,50", "a,b"])
  }

  func testTabSeparatorIsFound() throws {
    let document = try read("a\tb\n1\t2\n")
    XCTAssertEqual(document.separatorName, "tab")
    XCTAssertEqual(document.rows.first?.fields, ["1", "2"])
  }

  func testASeparatorInsideQuotesInTheHeaderDoesNotCount() throws {
    let document = try read("\"a;b;c\",d\n1,2\n")
    XCTAssertEqual(document.separatorName, "comma")
    XCTAssertEqual(document.header?.fields, ["a;b;c", "d"])
  }

  func testQuotedCommasDoubledQuotesAndEmbeddedNewlines() throws {
    let text =
      "id,summary,after\n1,\"He said \"\"hi\"\", then left\",x\n2,\"line one\r\nline two\nline three\",y\n3,plain,z\n"
    let document = try read(text)
    XCTAssertEqual(
      fields(document),
      [
        ["id", "summary", "after"], ["1", "He said \"hi\", then left", "x"],
        ["2", "line one\nline two\nline three", "y"], ["3", "plain", "z"],
      ])
    // The record with the quoted line breaks starts on line 3 and its last field on line 5; the next
    // record is on line 6.
    XCTAssertEqual(document.records.map(\.line), [1, 2, 3, 6])
    XCTAssertEqual(document.records[2].fieldLines, [3, 3, 5])
    XCTAssertEqual(document.records[2].line(ofField: 2), 5)
  }

  func testEmptyFieldsAndEmptyQuotedFields() throws {
    let document = try read("a,b,c\n,\"\",\n")
    XCTAssertEqual(document.rows.first?.fields, ["", "", ""])
  }

  func testBlankLinesAreNotRecordsButStillCountAsLines() throws {
    let document = try read("a,b\n\n1,2\r\n\r\n3,4\n")
    XCTAssertEqual(fields(document), [["a", "b"], ["1", "2"], ["3", "4"]])
    XCTAssertEqual(document.records.map(\.line), [1, 3, 5])
  }

  func testRaggedRowsAreReadAsTheyAre() throws {
    let document = try read("a,b,c\n1,2\n1,2,3,4\n")
    XCTAssertEqual(document.rows.map(\.fields.count), [2, 4])
  }

  func testUnicodeIsKept() throws {
    let document = try read("name\n株式会社 ACME 🚀\nCafé\n")
    XCTAssertEqual(document.rows.map(\.fields), [["株式会社 ACME 🚀"], ["Café"]])
  }

  func testAnUnclosedQuoteNamesTheLineWhereItOpened() {
    XCTAssertThrowsError(try read("a,b\n1,2\n3,\"never closed\n4,5\n6,7\n")) { error in
      guard let error = error as? CSVError else { return XCTFail("\(error)") }
      XCTAssertEqual(error.line, 3)
      XCTAssertEqual(error.column, 2)
      XCTAssertTrue(error.reason.contains("never closed"), error.reason)
    }
  }

  func testTextAfterAClosingQuoteIsAnError() {
    XCTAssertThrowsError(try read("a,b\n1,\"x\"y\n")) { error in
      guard let error = error as? CSVError else { return XCTFail("\(error)") }
      XCTAssertEqual(error.line, 2)
      XCTAssertEqual(error.column, 2)
    }
  }

  func testInvalidUTF8NamesLineAndColumn() {
    let bytes = Array("a,b\n1,2\n3,".utf8) + [0xE9, 0x74, 0x0A]
    XCTAssertThrowsError(try CSVReader.read(bytes)) { error in
      guard let error = error as? CSVError else { return XCTFail("\(error)") }
      XCTAssertEqual(error.line, 3)
      XCTAssertEqual(error.column, 2)
      XCTAssertTrue(error.reason.contains("UTF-8"))
    }
  }

  func testWriterOutputReadsBackFieldForField() throws {
    let rows = [
      ["account", "name", "note"], ["acme", "Acme, Inc", "said \"hi\""], ["b", "two\nlines", ""],
      ["c", "semi;colon", "  spaced  "],
    ]
    let text = rows.map(CSVWriter.line).joined()
    XCTAssertTrue(text.hasSuffix("\r\n"))
    XCTAssertEqual(fields(try read(text)), rows)
  }

  func testAQuoteInsideAnUnquotedFieldIsKept() throws {
    XCTAssertEqual(try read("a\n5\" screen\n").rows.first?.fields, ["5\" screen"])
  }
}
