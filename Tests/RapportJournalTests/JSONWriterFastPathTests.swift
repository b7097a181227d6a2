import XCTest

@testable import RapportJournal

/// The writer's fast paths (integers as digits, text without escapes copied whole) write the same bytes
/// as the general ones.
final class JSONWriterFastPathTests: XCTestCase {
  func testIntegers() {
    for (number, text) in [
      (0.0, "0"), (-1, "-1"), (7, "7"), (12_345, "12345"), (-8_999_999_999_999_999, "-8999999999999999"),
    ] {
      XCTAssertEqual(JSONWriter.string(of: .number(number)), text)
    }
    XCTAssertEqual(JSONWriter.string(of: .number(1.5)), "1.5")
  }

  func testTextWithAndWithoutEscapes() {
    XCTAssertEqual(JSONWriter.string(of: .string("Café 東京 🚀")), "\"Café 東京 🚀\"")
    XCTAssertEqual(JSONWriter.string(of: .string("a\"b\\c\nd\u{1}\u{7F}")), #""a\"b\\c\nd\u0001\u007f""#)
    XCTAssertEqual(JSONWriter.string(of: .string("")), "\"\"")
  }
}
