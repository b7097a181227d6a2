import RapportJournal
import XCTest

final class JSONParserTests: XCTestCase {
  private func parse(_ text: String) throws -> JSONValue { try JSONParser.parse(text) }

  private func assertRejects(
    _ text: String, because reason: String? = nil, at offset: Int? = nil, file: StaticString = #filePath,
    line: UInt = #line
  ) {
    do {
      let value = try JSONParser.parse(text)
      XCTFail("accepted \(text.debugDescription) as \(value)", file: file, line: line)
    } catch {
      if let reason {
        XCTAssertTrue(error.reason.contains(reason), "\(text.debugDescription): \(error)", file: file, line: line)
      }
      if let offset {
        XCTAssertEqual(error.offset, offset, "\(text.debugDescription): \(error)", file: file, line: line)
      }
    }
  }

  func testRejectsTextAfterTheValue() {
    assertRejects(#"{"a":1} x"#, because: "after the value", at: 8)
    assertRejects("1 2", because: "after the value", at: 2)
    assertRejects(#"{"a":1}{}"#, because: "after the value", at: 7)
    assertRejects("[]]", because: "after the value", at: 2)
  }

  func testRejectsDuplicateKeys() {
    assertRejects(#"{"a":1,"a":2}"#, because: "duplicate key \"a\"")
    assertRejects(#"{"data":{"x":1,"y":2,"x":3}}"#, because: "duplicate key \"x\"")
    assertRejects(#"{"a":1,"\u0061":2}"#, because: "duplicate key")
  }

  func testRejectsLoneSurrogates() {
    assertRejects(#""\ud800""#, because: "lone surrogate")
    assertRejects(#""\udc00""#, because: "lone surrogate")
    assertRejects(#""\ud800\u0041""#, because: "lone surrogate")
    assertRejects(#""\ud800\ud800""#, because: "lone surrogate")
    assertRejects(#""\udfff\ud800""#, because: "lone surrogate")
    assertRejects(#""\ud83c""#, because: "lone surrogate")
  }

  func testRejectsControlCharactersInStrings() {
    for byte in 0..<0x20 {
      let control = String(UnicodeScalar(UInt8(byte)))
      assertRejects("\"a\(control)b\"", because: "control character", at: 2)
      assertRejects("\"\\n\(control)\"", because: "control character")
    }
    assertRejects("{\"line\nbreak\":1}", because: "control character")
  }

  func testRejectsLeadingZeros() {
    assertRejects("01", because: "leading zero")
    assertRejects("-01", because: "leading zero")
    assertRejects("[00]", because: "leading zero")
    assertRejects(#"{"seq":007}"#, because: "leading zero")
    XCTAssertEqual(try parse("0"), .number(0))
    XCTAssertEqual(try parse("-0"), .number(0))
    XCTAssertEqual(try parse("0.5"), .number(0.5))
  }

  func testRejectsOtherMalformedInput() {
    for text in [
      "", " ", "{", "}", "[", "[1,]", "[,1]", #"{"a":1,}"#, #"{"a"}"#, #"{"a" 1}"#, "{a:1}", "{'a':1}", "tru", "nul",
      "True", "NaN", "Infinity", "-", ".5", "1.", "1e", "1e+", "+1", "0x10", "1e400", #""unterminated"#, #""\x""#,
      #""\u12""#, #""\u12g4""#, #""\"#, "[1 2]", "[\"a\" \"b\"]", "\u{FEFF}{}",
    ] {
      assertRejects(text)
    }
  }

  func testLimitsNesting() throws {
    XCTAssertNoThrow(try parse(String(repeating: "[", count: 64) + String(repeating: "]", count: 64)))
    assertRejects(String(repeating: "[", count: 65) + String(repeating: "]", count: 65), because: "nesting too deep")
    assertRejects(String(repeating: #"{"a":"#, count: 100_000), because: "nesting too deep")
  }

  func testParsesEscapes() throws {
    XCTAssertEqual(try parse(#""\"\\\/\b\f\n\r\t""#), .string("\"\\/\u{08}\u{0C}\n\r\t"))
    XCTAssertEqual(try parse(#""caf\u00e9 \u00C9""#), .string("café É"))
    XCTAssertEqual(try parse(#""\u0000\u001f""#), .string("\u{00}\u{1F}"))
    XCTAssertEqual(try parse(#""\u65e5\u672c""#), .string("日本"))
    XCTAssertEqual(try parse(#""prefix \\ then \" quote""#), .string(#"prefix \ then " quote"#))
  }

  func testParsesSurrogatePairs() throws {
    XCTAssertEqual(try parse(#""\ud83c\udf89""#), .string("🎉"))
    XCTAssertEqual(try parse(#""\uD83D\uDC69\u200D\uD83D\uDCBB""#), .string("👩‍💻"))
    XCTAssertEqual(try parse(#""\udbff\udfff""#), .string("\u{10FFFF}"))
    XCTAssertEqual(try parse(#""\ud800\udc00""#), .string("\u{10000}"))
  }

  func testParsesRawUTF8() throws {
    XCTAssertEqual(try parse("\"Zoë 日本 🎉\""), .string("Zoë 日本 🎉"))
  }

  func testParsesNumbers() throws {
    XCTAssertEqual(try parse("42"), .number(42))
    XCTAssertEqual(try parse("-17"), .number(-17))
    XCTAssertEqual(try parse("12.5e-3"), .number(0.0125))
    XCTAssertEqual(try parse("1E2"), .number(100))
    XCTAssertEqual(try parse("2.5e+1"), .number(25))
    XCTAssertEqual(try parse("1152921504606846976"), .number(1_152_921_504_606_846_976))
    XCTAssertEqual(try parse("999999999999999"), .number(999_999_999_999_999))
    XCTAssertEqual(try parse("42").intValue, 42)
    XCTAssertNil(try parse("4.2").intValue)
  }

  /// Decimals read without strtod must be the very doubles strtod reads (a usage value, a price).
  func testReadsDecimalsAsStrtodDoes() throws {
    var texts = ["0.1", "-0.0", "0.05", "123456789.012345", "-99999999999999.9", "1.0000000000000002", "0.3"]
    for index in 0..<20_000 {
      // Spread over the digits by a multiplicative hash of the index: the same numbers on every run.
      let mixed = UInt64(index + 1) &* 0x9E37_79B9_7F4A_7C15
      let whole = mixed >> 34
      let fraction = String((mixed & 0xFFFF_FFFF) % 1_000_000_000_000)
      let digits = 1 + index % fraction.count
      texts.append("\(index.isMultiple(of: 2) ? "-" : "")\(whole).\(fraction.prefix(digits))")
    }
    for text in texts {
      let expected = try XCTUnwrap(Double(text))
      let read = try XCTUnwrap(parse(text).numberValue)
      XCTAssertEqual(read.bitPattern, expected.bitPattern, text)
    }
  }

  /// A quote, backslash or control character is found wherever it falls in a string, across the
  /// eight-byte words the scan reads.
  func testFindsTheEndOfAStringAtEveryPosition() throws {
    for length in 0..<40 {
      let plain = String(repeating: "é", count: length / 3) + String(repeating: "a", count: length - length / 3)
      XCTAssertEqual(try parse("\"\(plain)\""), .string(plain))
      XCTAssertEqual(try parse("\"\(plain)\\n\(plain)\""), .string(plain + "\n" + plain))
      assertRejects("\"\(plain)\u{01}\(plain)\"", because: "control character")
      assertRejects("\"\(plain)", because: "unterminated")
    }
  }

  func testParsesStructuresKeepingKeyOrder() throws {
    let value = try parse(" {\n\t\"z\" : [1, true, false, null, \"s\", {}, []], \"a\":{\"k\":\"v\"} }\r\n")
    let object = try XCTUnwrap(value.objectValue)
    XCTAssertEqual(object.keys, ["z", "a"])
    XCTAssertEqual(
      object["z"],
      .array([.number(1), .bool(true), .bool(false), .null, .string("s"), .object(JSONObject()), .array([])]))
    XCTAssertEqual(object["a"]?.objectValue?["k"], .string("v"))
  }

  func testWriterOutputParsesBackToTheSameValue() throws {
    let everyASCII = String(String.UnicodeScalarView((0..<0x80).compactMap(UnicodeScalar.init)))
    let values: [JSONValue] = [
      .null, .bool(true), .bool(false), .number(0), .number(-1), .number(0.1), .number(-2.5e-10), .number(1e300),
      .number(8_999_999_999_999_999), .number(1.5e16), .number(Double.leastNonzeroMagnitude),
      .number(Double.greatestFiniteMagnitude),
      .string(""), .string(everyASCII), .string("Zoë 日本 🎉 👩🏽‍💻 \u{85}\u{202E}\u{FEFF}\u{10FFFF}"),
      .array([]), .object(JSONObject()),
      .object(
        JSONObject([
          ("z", .array([.number(1), .string("two"), .null, .array([.bool(true)])])),
          ("a \"quoted\"\n key", .object(JSONObject([("inner", .string("\\\u{0}\u{7F}"))]))),
          ("", .number(3.25)),
        ])),
    ]
    for value in values {
      let bytes = JSONWriter.bytes(of: value)
      XCTAssertFalse(bytes.contains(0x0A), "written JSON stays on one line")
      XCTAssertFalse(bytes.contains { $0 < 0x20 }, "written JSON holds no raw control characters")
      let parsed = try JSONParser.parse(bytes)
      XCTAssertEqual(parsed, value)
      XCTAssertEqual(JSONWriter.bytes(of: parsed), bytes, "writing is reproducible byte for byte")
    }
  }

  func testWriterOutputIsCompact() {
    let value = JSONValue.object(
      JSONObject([("n", .number(3)), ("s", .string("a\"b")), ("l", .array([.bool(true), .null]))]))
    XCTAssertEqual(JSONWriter.string(of: value), #"{"n":3,"s":"a\"b","l":[true,null]}"#)
    XCTAssertEqual(JSONWriter.string(of: .string("\u{1}\t\u{7F}")), #""\u0001\t\u007f""#)
    XCTAssertEqual(JSONWriter.string(of: .number(.nan)), "null")
  }

  func testReportsWhereTheTextWentWrong() {
    do {
      _ = try JSONParser.parse(#"{"a":[1,2,}"#)
      XCTFail("accepted")
    } catch {
      XCTAssertEqual(error.offset, 10)
      XCTAssertEqual(error.description, "unexpected character at byte 10")
    }
  }
}
