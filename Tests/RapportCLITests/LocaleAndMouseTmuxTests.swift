import Foundation
import Glibc
import RapportTestSupport
import XCTest

/// The dashboard in a real terminal under any locale (LANG=C: ASCII, names transliterated, said once),
/// NO_COLOR (the selection still shows), and the mouse (xterm's SGR reports, as a terminal sends them).
final class LocaleAndMouseTmuxTests: TmuxTestCase {
  /// The demo (which has a "Café Müller GmbH") with an unowned "Café Müller", which sorts first.
  private func writeDemoWithCafe() throws {
    _ = try writeDemo()
    try sandbox.succeed(["account", "add", "cafe", "--name", "Café Müller", "--tier", "1", "--log", demoPath])
  }

  private func lines(_ text: String) -> [String] {
    text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
  }

  func testLangCDrawsASCIIWithTransliteratedNamesAndSaysHowToGetTheGlyphs() throws {
    try writeDemoWithCafe()
    let board = try openDashboard(prefix: "LANG=C LC_ALL=C")
    XCTAssertTrue(board.unicodeScalars.allSatisfy(\.isASCII), "only ASCII on the screen: \(board)")
    let status = lines(board).suffix(4).joined(separator: " ")
    XCTAssertTrue(status.contains("ASCII mode"), board)
    XCTAssertTrue(status.contains("set LANG=C.UTF-8 for full glyphs"), board)
    XCTAssertTrue(board.contains("Cafe Muller"), board)
    XCTAssertFalse(board.contains("Caf Mller"), board)
    let header = try XCTUnwrap(lines(board).first { $0.contains("ACCOUNT") }, board)
    let nameColumn = try XCTUnwrap(header.range(of: "ACCOUNT")).lowerBound.utf16Offset(in: header)
    XCTAssertTrue(
      lines(board).contains { Array($0).count > nameColumn && Array($0)[nameColumn - 1] == ">" },
      "the selection marker before a name: \(board)")

    // Once: the next key takes the note away.
    try send("/cafe")
    try press("Enter")
    let filtered = try waitForPane("the filtered list") {
      $0.contains(">Cafe Muller") && !$0.contains("Stark Labs")
    }
    XCTAssertFalse(filtered.contains("ASCII mode"), filtered)

    // A form: ASCII borders and cursor.
    try send("t")
    let form = try waitForPane("the touchpoint form") { $0.contains("Log touchpoint") }
    XCTAssertTrue(form.unicodeScalars.allSatisfy(\.isASCII), form)
    XCTAssertTrue(lines(form).contains { $0.contains("+-----") }, "the form's top border: \(form)")
    XCTAssertTrue(lines(form).contains { $0.contains("|") && $0.contains("summary") }, "its sides: \(form)")
    try press("Escape")
    try quit()
  }

  func testNoColorKeepsTheSelectionVisibleInBothLocales() throws {
    try writeDemoWithCafe()
    for (prefix, marker) in [("NO_COLOR=1", "▶"), ("NO_COLOR=1 LANG=C LC_ALL=C", ">")] {
      try openDashboard(prefix: prefix)
      let screen = try paneWithAttributes()
      let selected = try XCTUnwrap(
        lines(screen).dropFirst().first { $0.contains(marker) }, "the selected row under \(prefix): \(screen)")
      XCTAssertTrue(selected.contains("\u{1B}[7m"), "the selection in reverse video under \(prefix): \(selected)")
      try quit()
      _ = try? tmux(["kill-server"])
      socket = nil
    }
  }

  /// Sends the bytes an xterm sends for a mouse report (SGR 1006: `ESC [ < button ; column ; row M`,
  /// counted from 1), then the release of a press.
  private func mouse(button: Int, row: Int, column: Int) throws {
    var report = "\u{1B}[<\(button);\(column + 1);\(row + 1)M"
    if button < 64 { report += "\u{1B}[<\(button);\(column + 1);\(row + 1)m" }
    try tmux(["send-keys", "-t", "rapport", "-H"] + report.utf8.map { String($0, radix: 16) })
  }

  func testAClickSelectsARowAndATabAndTheWheelMoves() throws {
    try writeDemoWithCafe()
    let board = try openDashboard()
    let rows = lines(board)
    let first = try XCTUnwrap(rows.firstIndex { $0.contains("▶") }, board)
    // The fourth account row, on its name.
    let target = first + 3
    let header = try XCTUnwrap(rows.first { $0.contains("ACCOUNT") }, board)
    let column = try XCTUnwrap(header.range(of: "ACCOUNT")).lowerBound.utf16Offset(in: header) + 2
    try mouse(button: 0, row: target, column: column)
    let clicked = try waitForPane("the clicked row selected") { self.lines($0)[target].contains("▶") }
    XCTAssertFalse(lines(clicked)[first].contains("▶"), clicked)

    // The wheel: three rows a turn, down then up.
    try mouse(button: 65, row: 10, column: 10)
    try waitForPane("the selection three rows down") { self.lines($0)[target + 3].contains("▶") }
    try mouse(button: 64, row: 10, column: 10)
    try waitForPane("the selection back") { self.lines($0)[target].contains("▶") }

    // A tab of the title bar.
    let title = rows[0]
    let due = try XCTUnwrap(title.range(of: "Due")).lowerBound.utf16Offset(in: title)
    try mouse(button: 0, row: 0, column: due)
    try waitForPane("the due screen") { $0.contains("Due for") }
    try quit()
  }
}
