import RapportDomain
import RapportJournal
import XCTest

@testable import RapportTerminal

/// The app shell's rules: a key's handling returns effects and writes nothing itself; the size arrives
/// as an action; the modal slot holds what is typed; one cursor type clamps everywhere.
final class ShellTests: XCTestCase {
  func testReducingASaveAsksForItAndWritesNothing() throws {
    let fixture = try BookFixture()
    var dashboard = try fixture.dashboard()
    press(&dashboard, .character("t"))
    type(&dashboard, "Renewal call")
    let before = try fixture.records().count
    var reduced = dashboard
    let effects = reduced.reduce(.submit)
    let perform = try XCTUnwrap(
      effects.first { if case .perform = $0 { return true } else { return false } }, "\(effects)")
    guard case .perform(.logTouchpoint(let slug, let input), for: .form) = perform else {
      return XCTFail("\(perform)")
    }
    XCTAssertEqual(slug, "globex")
    XCTAssertEqual(input.summary, "Renewal call")
    XCTAssertEqual(try fixture.records().count, before, "reducing wrote nothing")
    XCTAssertNotNil(reduced.state.form, "the form stays open until the save comes back")

    // Sent, the loop runs the effect and feeds `.saved` back: the form closes.
    XCTAssertEqual(dashboard.send(.submit), .redraw)
    XCTAssertEqual(try fixture.records().count, before + 1)
    XCTAssertNil(dashboard.state.modal)
    XCTAssertEqual(dashboard.state.message, "saved #\(before + 1)")
  }

  func testTheReportIsAnEffect() throws {
    let fixture = try BookFixture()
    var dashboard = try fixture.dashboard()
    XCTAssertTrue(dashboard.reduce(.show(.reports)).contains(.computeReport))
    XCTAssertFalse(dashboard.reduce(.show(.board)).contains(.computeReport))
  }

  func testTheSizeReachesTheReducersAsAnAction() throws {
    let fixture = try BookFixture()
    var dashboard = try fixture.dashboard()
    XCTAssertEqual(dashboard.layout.listHeight, 21)
    XCTAssertEqual(dashboard.send(.resized(TerminalSize(rows: 60, columns: 200))), .repaint)
    XCTAssertEqual(dashboard.state.size, TerminalSize(rows: 60, columns: 200))
    XCTAssertTrue(dashboard.layout.isSplit)
    XCTAssertEqual(dashboard.layout.listHeight, 57)
    // The same layout function draws: a 60x200 canvas shows list and detail side by side.
    let lines = render(dashboard, rows: 60, columns: 200).lines
    XCTAssertTrue(lines[1].contains("ACCOUNT") && lines[1].contains("│"), lines[1])
  }

  func testTheModalSlotHoldsWhatIsTyped() throws {
    let fixture = try BookFixture()
    var dashboard = try fixture.dashboard()
    XCTAssertNil(dashboard.state.modal)
    press(&dashboard, .character("/"))
    XCTAssertEqual(dashboard.state.modal, .filter)
    XCTAssertEqual(dashboard.keyContext, .filter)
    type(&dashboard, "q")
    XCTAssertEqual(dashboard.state.accounts.filter, "q", "q is text while the filter takes the keys")
    press(&dashboard, .escape)
    XCTAssertNil(dashboard.state.modal)
    press(&dashboard, .character("n"))
    guard case .form(let form)? = dashboard.state.modal else { return XCTFail("\(dashboard.state.modal as Any)") }
    XCTAssertEqual(form.purpose, .nps)
    press(&dashboard, .escape)
    XCTAssertNil(dashboard.state.modal)
    XCTAssertEqual(dashboard.state.message, "cancelled, nothing saved")
  }

  func testListCursorClampsSelectionAndScroll() {
    var cursor = ListCursor()
    cursor.move(.last, count: 50, height: 10)
    XCTAssertEqual(cursor, ListCursor(selection: 49, scroll: 40))
    cursor.move(.pageUp, count: 50, height: 10)
    XCTAssertEqual(cursor, ListCursor(selection: 40, scroll: 40))
    cursor.move(.up, count: 50, height: 10)
    XCTAssertEqual(cursor, ListCursor(selection: 39, scroll: 39))
    cursor.clamp(count: 5, height: 10)
    XCTAssertEqual(cursor, ListCursor(selection: 4, scroll: 0))
    cursor.move(.down, count: 0, height: 10)
    XCTAssertEqual(cursor, ListCursor(selection: 0, scroll: 0), "an empty list keeps the cursor at 0")
    // A page without a selection scrolls itself, and stops where its last line shows.
    var page = ListCursor()
    page.scroll(.last, count: 30, height: 10)
    XCTAssertEqual(page.scroll, 20)
    page.scroll(.pageUp, count: 30, height: 10)
    XCTAssertEqual(page.scroll, 11)
    // Drawn at another height than handled: the selection is shown.
    XCTAssertEqual(ListCursor(selection: 30, scroll: 0).firstShown(height: 10), 21)
  }
}
