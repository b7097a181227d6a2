import RapportDomain
import RapportJournal
import RapportText
import XCTest

@testable import RapportTerminal

/// Nothing happens unseen below 80x24, and messages and help lines are never cut.
final class UnseenAndCutTests: XCTestCase {
  func testBelowTheMinimumSizeOnlyQuitAndRedrawAct() throws {
    let fixture = try BookFixture()
    var dashboard = try fixture.dashboard()
    select("acme", in: &dashboard)
    let before = try fixture.records().count
    dashboard.resize(to: TerminalSize(rows: 20, columns: 70))
    press(&dashboard, .character("t"))
    type(&dashboard, "Call nobody saw")
    press(&dashboard, .enter)
    XCTAssertNil(dashboard.state.modal, "no form opens behind the too-small screen")
    XCTAssertEqual(try fixture.records().count, before, "nothing written")
    XCTAssertEqual(dashboard.state.screen, .main)
    let lines = render(dashboard, rows: 20, columns: 70).lines.joined(separator: " ")
    XCTAssertTrue(lines.contains("Terminal too small: 70x20"), lines)
    XCTAssertTrue(lines.contains("nothing done"), lines)
    XCTAssertTrue(lines.contains("q quits"), lines)
    XCTAssertEqual(dashboard.handle(.control("l")), .repaint)
    XCTAssertEqual(dashboard.handle(.character("b")), .redraw)
    XCTAssertEqual(dashboard.state.screen, .main, "b does not switch screens unseen")
    XCTAssertEqual(dashboard.handle(.resize), .repaint)
    XCTAssertEqual(dashboard.handle(.character("q")), .quit)
  }

  func testQuitsEvenFromAFormBelowTheMinimumSize() throws {
    let fixture = try BookFixture()
    var dashboard = try fixture.dashboard()
    select("acme", in: &dashboard)
    press(&dashboard, .character("t"))
    dashboard.resize(to: TerminalSize(rows: 23, columns: 100))
    type(&dashboard, "abc")
    XCTAssertEqual(dashboard.state.form?.text(of: .summary), "", "the hidden form takes no text")
    XCTAssertEqual(dashboard.handle(.character("q")), .quit)
  }

  func testBackAtTheMinimumSizeKeysActAgain() throws {
    let fixture = try BookFixture()
    var dashboard = try fixture.dashboard()
    dashboard.resize(to: TerminalSize(rows: 20, columns: 70))
    press(&dashboard, .character("b"))
    dashboard.resize(to: TerminalSize(rows: 24, columns: 80))
    press(&dashboard, .character("b"))
    XCTAssertEqual(dashboard.state.screen, .board)
  }

  func testALongMessageWrapsOntoASecondStatusLine() throws {
    let fixture = try BookFixture()
    var dashboard = try fixture.dashboard(readOnly: true)
    select("acme", in: &dashboard)
    press(&dashboard, .character("t"))
    let message = try XCTUnwrap(dashboard.state.message)
    XCTAssertTrue(message.hasPrefix("read-only, cannot log a touchpoint"))
    let canvas = render(dashboard)
    let bottom = canvas.lines.suffix(3).joined(separator: " ")
    let words = message.split(separator: " ").joined(separator: " ")
    XCTAssertTrue(
      bottom.split(separator: " ").joined(separator: " ").contains(words), "\(canvas.lines.suffix(3))")
    XCTAssertTrue(canvas.lines[22].contains("records"), "the status line's first row: \(canvas.lines[22])")
    XCTAssertEqual(Layout(dashboard.state.size, statusRows: 2).body.height, 21)
    XCTAssertEqual(dashboard.layout.body.height, 21, "the body gives up a row while the message shows")
    // The next key clears the message; the status line is one row again.
    press(&dashboard, .character("j"))
    XCTAssertEqual(dashboard.layout.body.height, 22)
    XCTAssertTrue(render(dashboard).lines[23].contains("records"))
  }

  func testAShortMessageStaysOnOneRow() throws {
    let fixture = try BookFixture()
    var dashboard = try fixture.dashboard()
    select("acme", in: &dashboard)
    press(&dashboard, .character("t"), .escape)
    XCTAssertEqual(dashboard.state.message, "cancelled, nothing saved")
    let lines = render(dashboard).lines
    XCTAssertTrue(lines[23].contains("records") && lines[23].contains("cancelled, nothing saved"), lines[23])
    XCTAssertEqual(dashboard.layout.body.height, 22)
  }

  func testAKeyThatCannotActSaysSo() throws {
    let fixture = try BookFixture()
    var dashboard = try fixture.dashboard()
    dashboard.resize(to: TerminalSize(rows: 24, columns: 80))
    press(&dashboard, .character("Z"))
    let text = render(dashboard, rows: 24, columns: 80).lines.joined(separator: "\n")
    XCTAssertTrue(text.contains("Z does nothing here: ? lists every key"), text)
  }

  func testHintsThatDoNotFitAreLeftOutWholeNeverCut() {
    let hints = ["j/k move", "Enter open", "/ filter", "t touch", "q quit", "? keys"]
    XCTAssertEqual(StatusLine.fitted(hints, width: 80), hints.joined(separator: " · "))
    XCTAssertEqual(StatusLine.fitted(hints, width: 36), "j/k move · Enter open · ? all keys")
    XCTAssertEqual(StatusLine.fitted(hints, width: 5), "? all keys", "the way to every key stays")
  }

  func testAMessageTooLongForTheStatusRowsEndsWithWhereToReadItAndBangShowsItAll() throws {
    let fixture = try BookFixture()
    var dashboard = try fixture.dashboard()
    dashboard.resize(to: TerminalSize(rows: 24, columns: 80))
    let long = (1...80).map { "word\($0)" }.joined(separator: " ") + " the-very-end"
    dashboard.state.message = long
    let status = render(dashboard, rows: 24, columns: 80).lines.suffix(6).joined(separator: "\n")
    XCTAssertTrue(status.contains("… ! reads it all"), status)
    XCTAssertFalse(status.contains("the-very-end"), status)
    press(&dashboard, .character("!"))
    let full = render(dashboard, rows: 24, columns: 80).lines.joined(separator: "\n")
    XCTAssertTrue(full.contains("The last message, in full"), full)
    XCTAssertTrue(full.contains("the-very-end"), full)
    press(&dashboard, .escape)
    XCTAssertNil(dashboard.state.modal)
  }

  func testHelpLinesWrap() {
    for width in [80, 100] {
      let lines = HelpView.lines(width: width).map { $0.map(\.text).joined() }
      for line in lines {
        XCTAssertLessThanOrEqual(TerminalText.width(of: line), width, line)
      }
      let all = lines.joined(separator: " ").split(separator: " ").joined(separator: " ")
      for binding in KeyTable.bindings {
        let help = binding.help.split(separator: " ").joined(separator: " ")
        XCTAssertTrue(all.contains(help), "\(help) at \(width)")
      }
    }
  }
}
