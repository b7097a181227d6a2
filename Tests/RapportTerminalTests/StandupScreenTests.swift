import RapportDomain
import RapportJournal
import XCTest

@testable import RapportTerminal

/// The standup on the dashboard, by keys: cards, action items, discussed/skipped, the recorded event
/// and the summary.
final class StandupScreenTests: XCTestCase {
  /// The fixture plus an overdue task on tokyo.
  private func fixture() throws -> BookFixture {
    let fixture = try BookFixture()
    var desk = try Desk.open(Journal(path: fixture.path), user: "ana")
    try desk.perform(
      .addTask(slug: "tokyo", text: "Send the contract", due: fixture.today.adding(days: -9), owner: nil))
    return fixture
  }

  private func screenText(_ dashboard: Dashboard, rows: Int = 30, columns: Int = 100) -> String {
    render(dashboard, rows: rows, columns: columns).lines.joined(separator: "\n")
  }

  func testWholeStandupByKeys() throws {
    let fixture = try fixture()
    var dashboard = try fixture.dashboard()
    press(&dashboard, .character("S"))
    XCTAssertEqual(dashboard.keyContext, .standup)
    let session = try XCTUnwrap(dashboard.state.standup?.session)
    // Unowned first; then renewals at risk (60 days out, no conversation yet), worst first. Every account
    // is yellow 100 on thin data (a call today, or created today and never touched), so by id.
    XCTAssertEqual(session.agenda.items.map(\.account.slug), ["globex", "acme", "evil", "rocket", "tokyo"])
    var text = screenText(dashboard)
    XCTAssertTrue(text.contains("Standup 1/5"), text)
    XCTAssertTrue(text.contains("Globex"), text)
    XCTAssertTrue(text.contains("on the agenda: no owner, renewal at risk, overdue plays"), text)

    // An action item in one line, saved at once as a task.
    press(&dashboard, .character("a"))
    XCTAssertTrue(screenText(dashboard).contains("action item:"))
    type(&dashboard, "call CFO @bo fri")
    press(&dashboard, .enter)
    let task = try XCTUnwrap(try fixture.records().last)
    XCTAssertEqual(task.type, "task.created")
    XCTAssertEqual(task.account, "globex")
    XCTAssertEqual(task.data["owner"], .string("bo"))
    XCTAssertEqual(task.data["text"], .string("call CFO"))
    XCTAssertTrue(screenText(dashboard).contains("→ call CFO"))

    press(&dashboard, .enter)  // globex discussed
    text = screenText(dashboard)
    XCTAssertTrue(text.contains("Standup 2/5"), text)
    XCTAssertTrue(text.contains("renewal conversation"), text)
    press(&dashboard, .character("s"))  // acme skipped
    press(&dashboard, .character("F"))

    let held = try XCTUnwrap(try fixture.records().last)
    XCTAssertEqual(held.type, "standup.held")
    XCTAssertEqual(held.recordedBy, "ana")
    XCTAssertEqual(held.data["discussed"], .array([.string("globex")]))
    XCTAssertEqual(held.data["skipped"], .array([.string("acme")]))
    XCTAssertEqual(held.data["actions"], .array([.number(Double(task.seq))]))
    text = screenText(dashboard, rows: 40)
    XCTAssertTrue(text.contains("Standup recorded"), text)
    XCTAssertTrue(text.contains("1 account discussed · 1 skipped · 1 action item"), text)
    XCTAssertTrue(text.contains("Globex: call CFO — @bo"), text)
    press(&dashboard, .escape)
    XCTAssertEqual(dashboard.state.screen, .main)
    XCTAssertNil(dashboard.state.modal)
    XCTAssertNil(dashboard.state.pausedStandup, "a recorded standup is not kept")
  }

  func testACardShowsAnotherWritersAppend() throws {
    let fixture = try fixture()
    var dashboard = try fixture.dashboard()
    press(&dashboard, .character("S"))
    XCTAssertEqual(dashboard.state.standup?.session.current?.account.slug, "globex")
    var other = try Desk.open(Journal(path: fixture.path), user: "bo")
    try other.perform(.recordNPS(slug: "globex", score: 3, contact: "Kim", comment: nil, date: fixture.today))
    XCTAssertTrue(dashboard.poll())
    XCTAssertTrue(screenText(dashboard).contains("NPS 3 from Kim — bo"), screenText(dashboard))
    XCTAssertEqual(dashboard.state.standup?.session.current?.account.slug, "globex", "the card stays")
  }

  func testEscapePausesAndSResumes() throws {
    let fixture = try fixture()
    var dashboard = try fixture.dashboard()
    let before = try fixture.records().count
    press(&dashboard, .character("S"), .character("j"), .escape)
    XCTAssertEqual(dashboard.state.screen, .main)
    XCTAssertEqual(dashboard.state.message, "standup paused, nothing recorded yet: S resumes it")
    XCTAssertNil(dashboard.state.modal)
    XCTAssertEqual(dashboard.state.pausedStandup?.session.index, 1, "the paused standup is kept as it was")
    press(&dashboard, .character("S"))
    XCTAssertNil(dashboard.state.pausedStandup)
    XCTAssertEqual(dashboard.state.standup?.session.index, 1)
    XCTAssertEqual(dashboard.state.standup?.session.current?.account.slug, "acme")
    XCTAssertEqual(try fixture.records().count, before)
  }

  func testHelpPausesTheStandupAndSResumesIt() throws {
    let fixture = try fixture()
    var dashboard = try fixture.dashboard()
    press(&dashboard, .character("S"), .character("j"), .character("?"))
    XCTAssertEqual(dashboard.state.screen, .help)
    XCTAssertNil(dashboard.state.modal)
    XCTAssertFalse(screenText(dashboard).contains("[S Standup]"))
    press(&dashboard, .character("S"))
    XCTAssertEqual(dashboard.state.standup?.session.current?.account.slug, "acme")
    XCTAssertTrue(screenText(dashboard).contains("[S Standup]"), screenText(dashboard))
  }

  func testTouchpointFromACardIsForThatAccount() throws {
    let fixture = try fixture()
    var dashboard = try fixture.dashboard()
    press(&dashboard, .character("S"), .character("j"), .character("j"), .character("j"), .character("j"))
    XCTAssertEqual(dashboard.state.standup?.session.current?.account.slug, "tokyo")
    XCTAssertTrue(screenText(dashboard).contains("Send the contract"), "the overdue task is on the card")
    press(&dashboard, .character("t"))
    XCTAssertTrue(screenText(dashboard).contains("Log touchpoint: 東京ロボティクス"))
    type(&dashboard, "Chased the contract")
    press(&dashboard, .enter)
    let record = try XCTUnwrap(try fixture.records().last)
    XCTAssertEqual(record.type, "touchpoint.logged")
    XCTAssertEqual(record.account, "tokyo")
    XCTAssertEqual(dashboard.keyContext, .standup, "the form closed, the standup still shows")
    XCTAssertNil(dashboard.state.standup?.inner)
    XCTAssertTrue(screenText(dashboard).contains("Chased the contract"), "the card shows the new touchpoint")
  }

  func testTheActionItemEditsLikeAShellLine() throws {
    let fixture = try fixture()
    var dashboard = try fixture.dashboard()
    press(&dashboard, .character("S"), .character("a"))
    type(&dashboard, "call CFO fri")
    press(&dashboard, .control("w"), .left, .left, .left, .left)
    type(&dashboard, "the ")
    XCTAssertEqual(dashboard.state.standup?.inner, .actionItem("call the CFO ", error: nil, cursor: 9))
    XCTAssertTrue(screenText(dashboard).contains("action item: call the ▏CFO"), screenText(dashboard))
    press(&dashboard, .control("a"), .control("k"))
    XCTAssertEqual(dashboard.state.standup?.inner, .actionItem("", error: nil))
  }

  func testBadActionItemShowsItsError() throws {
    let fixture = try fixture()
    var dashboard = try fixture.dashboard()
    let before = try fixture.records().count
    press(&dashboard, .character("S"), .character("a"))
    type(&dashboard, "@bo fri")
    press(&dashboard, .enter)
    XCTAssertEqual(dashboard.state.standup?.inner, .actionItem("@bo fri", error: "missing action item text"))
    XCTAssertTrue(screenText(dashboard).contains("missing action item text"))
    XCTAssertEqual(try fixture.records().count, before)
  }

  func testReadOnlyShowsTheAgendaButRecordsNothing() throws {
    let fixture = try fixture()
    var dashboard = try fixture.dashboard(readOnly: true)
    let before = try fixture.records().count
    press(&dashboard, .character("S"))
    XCTAssertTrue(screenText(dashboard).contains("Globex"))
    press(&dashboard, .character("a"))
    XCTAssertEqual(
      dashboard.state.message, "read-only, cannot add an action item: opened read-only or the journal is not writable")
    press(&dashboard, .character("F"))
    XCTAssertEqual(
      dashboard.state.message, "read-only, cannot record the standup: opened read-only or the journal is not writable")
    XCTAssertEqual(try fixture.records().count, before)
  }
}
