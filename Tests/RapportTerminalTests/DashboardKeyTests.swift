import RapportDomain
import RapportJournal
import XCTest

@testable import RapportTerminal

final class DashboardKeyTests: XCTestCase {
  func testJMovesSelection() throws {
    let fixture = try BookFixture()
    var dashboard = try fixture.dashboard()
    XCTAssertEqual(dashboard.selection?.account.slug, "globex")
    press(&dashboard, .character("j"), .character("j"))
    XCTAssertEqual(dashboard.state.selected, 2)
    // Found by its id: the third account may be the hostile one, whose name is shown sanitised.
    let name = try XCTUnwrap(dashboard.selection.map { "(\($0.account.slug))" })
    // The selected account's detail: beside the list from 40 rows, full-screen on Enter below that.
    XCTAssertTrue(
      render(dashboard, rows: 40, columns: 120).lines.contains { $0.contains(name) && $0.contains("manager") })
    press(&dashboard, .enter)
    XCTAssertTrue(render(dashboard).lines.contains { $0.contains(name) && $0.contains("manager") })
    press(&dashboard, .escape)
    press(&dashboard, .character("G"))
    XCTAssertEqual(dashboard.state.selected, 4)
    press(&dashboard, .down)
    XCTAssertEqual(dashboard.state.selected, 4)
    press(&dashboard, .home)
    XCTAssertEqual(dashboard.state.selected, 0)
  }

  func testFilterKeepsAndClears() throws {
    let fixture = try BookFixture()
    var dashboard = try fixture.dashboard()
    type(&dashboard, "/acme")
    XCTAssertTrue(dashboard.state.isEditingFilter)
    XCTAssertEqual(dashboard.visible.count, 1)
    press(&dashboard, .enter)
    XCTAssertFalse(dashboard.state.isEditingFilter)
    XCTAssertEqual(dashboard.selection?.account.slug, "acme")
    let lines = render(dashboard).lines
    XCTAssertTrue(lines[2].contains("Acme Corporation"), lines[2])
    XCTAssertFalse(lines.contains { $0.contains("Globex") })
    XCTAssertTrue(render(dashboard, rows: 40, columns: 120).lines.contains { $0.contains("Kickoff") }, "\(lines)")
    // By owner, then Esc clears.
    type(&dashboard, "/bo")
    XCTAssertEqual(dashboard.selection?.account.slug, "tokyo")
    press(&dashboard, .escape)
    XCTAssertEqual(dashboard.visible.count, 5)
  }

  func testScreensHelpAndQuit() throws {
    let fixture = try BookFixture()
    var dashboard = try fixture.dashboard()
    XCTAssertEqual(dashboard.handle(.character("b")), .redraw)
    XCTAssertTrue(render(dashboard).lines.contains { $0.contains("Board by owner") })
    _ = dashboard.handle(.character("?"))
    XCTAssertTrue(render(dashboard).lines.contains { $0.contains("show or hide retracted") })
    XCTAssertEqual(dashboard.handle(.control("l")), .repaint)
    _ = dashboard.handle(.character("m"))
    XCTAssertEqual(dashboard.state.screen, .main)
    // Each write key opens its form (h and u only explain here: globex has no owner, the list has focus).
    for key: Character in ["t", "n", "o", "s", "a", "c", "v"] {
      _ = dashboard.handle(.character(key))
      XCTAssertNotNil(dashboard.state.form, "\(key)")
      _ = dashboard.handle(.escape)
      XCTAssertNil(dashboard.state.form)
    }
    XCTAssertEqual(dashboard.handle(.character("q")), .quit)
  }

  func testTabAndRetractedToggle() throws {
    let fixture = try BookFixture()
    var dashboard = try fixture.dashboard()
    press(&dashboard, .tab)
    XCTAssertEqual(dashboard.state.accounts.focus, .detail)
    press(&dashboard, .character("j"))
    XCTAssertEqual(dashboard.state.selected, 0)
    press(&dashboard, .character("x"))
    XCTAssertTrue(dashboard.state.accounts.showRetracted)
    XCTAssertTrue(render(dashboard).lines.contains { $0.contains("x: hide retracted") })
  }

  func testPollShowsOtherWritersAppends() throws {
    let fixture = try BookFixture()
    var dashboard = try fixture.dashboard()
    press(&dashboard, .character("j"))
    let kept = try XCTUnwrap(dashboard.selection?.account.slug)
    XCTAssertFalse(dashboard.poll())
    XCTAssertTrue(render(dashboard).lines[23].contains("7 records"))
    var other = try Desk.open(Journal(path: fixture.path), user: "bo")
    try other.perform(.addAccount(slug: "zeta", profile: AccountProfile(name: "Zeta Ltd", tier: 3, owner: "bo")))
    XCTAssertTrue(dashboard.poll())
    XCTAssertEqual(dashboard.selection?.account.slug, kept)
    XCTAssertTrue(render(dashboard).lines[23].contains("8 records"), render(dashboard).lines[23])
    XCTAssertTrue(render(dashboard, rows: 40, columns: 120).lines.contains { $0.contains("Zeta Ltd") })
  }
}
