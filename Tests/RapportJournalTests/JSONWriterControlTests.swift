import XCTest

@testable import RapportJournal

/// JSON strings escape DEL, the C1 controls and the bidirectional controls besides what JSON requires,
/// read back to the same text, and leave the fast path only for bytes that start one (issue 13).
final class JSONWriterControlTests: XCTestCase {
  private func written(_ text: String) -> String { JSONWriter.string(of: .string(text)) }

  func testControlsAreEscaped() {
    XCTAssertEqual(written("a\u{1B}[31m\u{07}\u{7F}"), #""a\u001b[31m\u0007\u007f""#)
    XCTAssertEqual(written("x\u{80}\u{85}\u{9F}y"), #""x\u0080\u0085\u009fy""#)
    XCTAssertEqual(
      written("\u{61C}\u{200E}\u{200F}\u{202A}\u{202B}\u{202C}\u{202D}\u{202E}\u{2066}\u{2067}\u{2068}\u{2069}"),
      #""\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069""#)
    XCTAssertEqual(written("Mallory \u{202E}fdp.exe"), #""Mallory \u202efdp.exe""#)
  }

  func testNeighboursStayAsTheyAre() {
    // Same lead bytes (C2, D8, E2), other characters: copied whole.
    for text in [
      "£ © \u{A0} ¿", "\u{61B}\u{61D}ئ", "’ “ ” — € … \u{200D}\u{2029}\u{202F}\u{2065}\u{206A}", "Café 東京 🚀",
    ] {
      XCTAssertEqual(written(text), "\"" + text + "\"", text)
    }
  }

  func testEscapedTextReadsBackTheSame() throws {
    for text in [
      "a\u{1B}b\u{85}c\u{202E}d\u{2069}e\u{61C}f", "\u{202E}", "end\u{9F}", "mixed £\u{80}’\u{200F}\"\\\n",
    ] {
      let bytes = Array(written(text).utf8)
      let value = try bytes.withUnsafeBytes { try JSONParser.parse($0) }
      XCTAssertEqual(value, .string(text), text)
    }
  }

  func testTheFastPathDecisionIsExact() {
    for (text, needs) in [
      ("plain", false), ("£", false), ("\u{80}", true), ("\u{A0}", false), ("\u{61C}", true), ("\u{61B}", false),
      ("’", false), ("\u{200E}", true), ("\u{2066}", true), ("\u{2070}", false), ("\u{7F}", true), ("\t", true),
    ] {
      var copy = text
      let result = copy.withUTF8 { JSONWriter.needsEscape($0) }
      XCTAssertEqual(result, needs, text.unicodeScalars.map { String($0.value, radix: 16) }.joined(separator: " "))
    }
  }
}
