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

  func testStreamWritesWhatTheWriterWrites() {
    let value = JSONValue.array([
      .object(
        JSONObject([
          ("name", .string("Acme \"East\"")), ("owner", .null), ("tier", .number(2)), ("weight", .number(12.5)),
          ("alerts", .array([])), ("measures", .array([.object(JSONObject([("raw", .null), ("ok", .bool(true))]))])),
          ("nested", .object(JSONObject())),
        ])),
      .number(-3), .string("東京"),
    ])
    var json = JSONStream()
    json.beginArray()
    json.beginObject()
    json.key("name")
    json.string("Acme \"East\"")
    json.key("owner")
    json.string(nil)
    json.key("tier")
    json.integer(2)
    json.key("weight")
    json.number(12.5)
    json.key("alerts")
    json.beginArray()
    json.endArray()
    json.key("measures")
    json.beginArray()
    json.beginObject()
    json.key("raw")
    json.number(nil)
    json.key("ok")
    json.bool(true)
    json.endObject()
    json.endArray()
    json.key("nested")
    json.value(.object(JSONObject()))
    json.endObject()
    json.integer(-3)
    json.raw(Array(#""東京""#.utf8))
    json.endArray()
    XCTAssertEqual(String(decoding: json.bytes, as: UTF8.self), JSONWriter.string(of: value))
  }
}
