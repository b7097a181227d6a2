import RapportText
import XCTest

final class TerminalTextTests: XCTestCase {
  func testEscapeSequencesNeverReachTheTerminal() {
    let hostile = "Acme\u{1B}]52;c;aGk=\u{07}\u{1B}c\u{9B}31m\u{202E}evil\u{200B}"
    let safe = TerminalText.sanitised(hostile)
    XCTAssertFalse(safe.unicodeScalars.contains { $0.value < 0x20 || (0x7F...0x9F).contains($0.value) })
    XCTAssertFalse(safe.unicodeScalars.contains { $0.value == 0x202E || $0.value == 0x200B })
    XCTAssertEqual(safe, "Acme^[]52;c;aGk=^G^[c\\u{9b}31mevil")
  }

  func testNewlinesAndTabsBecomeSpaces() {
    XCTAssertEqual(TerminalText.sanitised("a\nb\tc\r"), "a b c ")
  }

  func testWidthsFollowTheTerminal() {
    XCTAssertEqual(TerminalText.width(of: "abc"), 3)
    XCTAssertEqual(TerminalText.width(of: "東京"), 4)
    XCTAssertEqual(TerminalText.width(of: "🐟"), 2)
    XCTAssertEqual(TerminalText.width(of: "e\u{301}"), 1, "a combining accent takes no column")
    XCTAssertEqual(TerminalText.width(of: "서울"), 4)
  }

  func testTruncationCutsByColumnsAndMarksIt() {
    XCTAssertEqual(TerminalText.truncated("東京ロボティクス", toColumns: 7), "東京ロ…")
    XCTAssertEqual(TerminalText.width(of: TerminalText.truncated("東京ロボティクス", toColumns: 7)), 7)
    XCTAssertEqual(TerminalText.truncated("short", toColumns: 10), "short")
    XCTAssertEqual(TerminalText.padded("東京", toColumns: 6), "東京  ")
    XCTAssertEqual(TerminalText.padded("42", toColumns: 4, alignRight: true), "  42")
  }

  func testTableColumnsLineUpWithWideNames() {
    var table = Table(headers: ["ID", "NAME", "OWNER"])
    table.append(["acme", "Acme Corp", "alice"])
    table.append(["tokyo", "東京ロボティクス", "bob"])
    table.append(["fish", "Señor Pez 🐟", "chen"])
    let lines = table.rendered().split(separator: "\n").map(String.init)
    let ownerColumns = lines.map { line -> Int in
      let prefix = line.components(separatedBy: ["alice", "bob", "chen", "OWNER"].first { line.contains($0) } ?? "")[0]
      return TerminalText.width(of: prefix)
    }
    XCTAssertEqual(Set(ownerColumns).count, 1, "OWNER starts at the same column on every line: \(lines)")
  }
}
