import RapportExchange
import XCTest

/// What `CSVWriter` does to a cell so that a spreadsheet does not run it and a terminal does not obey
/// it (issue 13).
final class CSVWriterSafetyTests: XCTestCase {
  func testCellsASpreadsheetWouldRunArePrefixed() {
    for (cell, written) in [
      ("=HYPERLINK(\"http://x\",\"y\")", "'=HYPERLINK(\"http://x\",\"y\")"),
      ("+cmd|' /C calc'!A0", "'+cmd|' /C calc'!A0"),
      ("@SUM(1)", "'@SUM(1)"), ("-2+3", "'-2+3"), ("\tx", "'\tx"), ("-", "'-"), ("+", "'+"), ("-1e", "'-1e"),
      ("--3", "'--3"), ("-.", "'-."), ("-inf", "'-inf"), ("=1", "'=1"),
    ] {
      XCTAssertEqual(CSVWriter.safe(cell), written, cell)
    }
  }

  func testNumbersAndOrdinaryTextStayAsTheyAre() {
    for cell in [
      "-3", "-2.5", "+4", "1e3", "-1.5E-7", "+.5", "-7.", "0", "", "Acme", "a=b", "x-y", "Café 東京", "'quoted", "3-2",
    ] {
      XCTAssertEqual(CSVWriter.safe(cell), cell, cell)
    }
  }

  func testControlCharactersAreWrittenAsVisibleEscapes() {
    XCTAssertEqual(CSVWriter.safe("a\u{1B}[31mb\u{07}"), "a\\u001b[31mb\\u0007")
    XCTAssertEqual(CSVWriter.safe("x\u{0}\u{7F}\u{80}\u{85}\u{9F}\u{A0}"), "x\\u0000\\u007f\\u0080\\u0085\\u009f\u{A0}")
    XCTAssertEqual(
      CSVWriter.safe("\u{61C}\u{200E}\u{200F}\u{202A}\u{202E}\u{2066}\u{2069}"),
      "\\u061c\\u200e\\u200f\\u202a\\u202e\\u2066\\u2069")
    // Neighbours of the bidirectional controls are ordinary text.
    XCTAssertEqual(
      CSVWriter.safe("\u{200D}\u{2029}\u{202F}\u{2065}\u{206A}’"), "\u{200D}\u{2029}\u{202F}\u{2065}\u{206A}’")
    // TAB, LF and a CRLF stay (quoted by `line`); a lone CR is escaped.
    XCTAssertEqual(CSVWriter.safe("a\tb\nc\r\nd\re"), "a\tb\nc\r\nd\\u000de")
    // A cell starting with a lone CR is both prefixed and escaped.
    XCTAssertEqual(CSVWriter.safe("\r=1"), "'\\u000d=1")
  }

  func testLineQuotesWhatTheSafeCellNeeds() {
    XCTAssertEqual(CSVWriter.line(["=a,b", "-3", "x\u{1B}"]), "\"'=a,b\",-3,x\\u001b\r\n")
    XCTAssertEqual(CSVWriter.line(["two\nlines"]), "\"two\nlines\"\r\n")
  }
}

/// Numbers in imported files are held to the same bound as typed ones.
final class ImportNumberBoundTests: XCTestCase {
  func testNumbersAboveTenToTheFifteenAreNotNumbers() {
    XCTAssertEqual(ImportValues.number("1000000000000000", decimalComma: false), 1e15)
    XCTAssertNil(ImportValues.number("1000000000000001", decimalComma: false))
    XCTAssertNil(ImportValues.number("1" + String(repeating: "0", count: 300), decimalComma: false))
    XCTAssertNil(ImportValues.money("2000000000000000", decimalComma: false))
  }
}
