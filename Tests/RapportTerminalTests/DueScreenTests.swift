import RapportDomain
import RapportJournal
import XCTest

@testable import RapportTerminal

/// The due screen's cursor and `t`: the entry that closes the play under the cursor.
final class DueScreenTests: XCTestCase {
  func testRenewalPlayClosedByAnEntryMarkedForIt() throws {
    let fixture = try BookFixture()
    var dashboard = try fixture.dashboard()
    press(&dashboard, .character("d"))
    let play = try XCTUnwrap(dashboard.selectedPlay)
    XCTAssertEqual(play.code, .renewalConversation)
    let lines = render(dashboard, rows: 30, columns: 100).lines
    let name = try XCTUnwrap(dashboard.desk.book.accounts[play.account]?.name)
    XCTAssertTrue(lines.contains { $0.hasPrefix("▶") && $0.contains(name) }, "the account's name: \(lines)")
    XCTAssertTrue(lines.contains { $0.contains("▶ closed by an entry marked") }, "what closes it: \(lines)")
    press(&dashboard, .character("t"))
    let form = try XCTUnwrap(dashboard.state.form)
    XCTAssertEqual(form.slug, play.account)
    XCTAssertEqual(form.text(of: .kind), "call")
    XCTAssertEqual(form.text(of: .summary), "", "no words are needed: the entry is marked")
    XCTAssertEqual(form.closes, .renewalConversation)
    XCTAssertTrue(render(dashboard).lines.contains { $0.contains("closes renewal conversation") })
    type(&dashboard, "terms agreed for 2027")
    press(&dashboard, .enter)
    let record = try XCTUnwrap(try fixture.records().last)
    XCTAssertEqual(record.type, "touchpoint.logged")
    XCTAssertEqual(record.data["summary"], .string("terms agreed for 2027"))
    XCTAssertEqual(record.data["closes"], .string("renewal-conversation"))
    XCTAssertFalse(
      dashboard.duePlays.contains { $0.account == play.account && $0.code == .renewalConversation },
      "the play is closed")
  }

  func testTaskPlayIsMarkedDone() throws {
    let fixture = try BookFixture()
    var desk = try Desk.open(Journal(path: fixture.path), user: "ana")
    let task = try desk.perform(
      .addTask(slug: "rocket", text: "Send the SOC 2 report", due: fixture.today.adding(days: -3), owner: "ana"))
    let id = try XCTUnwrap(task.records.first?.seq)
    var dashboard = try fixture.dashboard()
    press(&dashboard, .character("d"))
    // Overdue first, oldest due first: the task (3 days late) comes after the renewal plays.
    let index = try XCTUnwrap(dashboard.duePlays.firstIndex { $0.taskID == id })
    for _ in 0..<index { press(&dashboard, .character("j")) }
    XCTAssertEqual(dashboard.selectedPlay?.taskID, id)
    press(&dashboard, .enter)
    XCTAssertTrue(render(dashboard).lines.contains { $0.contains("Task \(id) done: 🚀 Rocket Labs") })
    press(&dashboard, .enter)
    let record = try XCTUnwrap(try fixture.records().last)
    XCTAssertEqual(record.type, "task.completed")
    XCTAssertEqual(record.data["task"], .number(Double(id)))
    XCTAssertNotEqual(dashboard.selectedPlay?.taskID, id)
  }

  func testCursorMovesAndStaysOnAPlay() throws {
    let fixture = try BookFixture()
    var dashboard = try fixture.dashboard()
    press(&dashboard, .character("d"), .character("e"))
    let count = dashboard.duePlays.count
    XCTAssertGreaterThan(count, 2)
    press(&dashboard, .character("j"), .character("j"))
    XCTAssertEqual(dashboard.state.due.cursor.selection, 2)
    press(&dashboard, .character("G"))
    XCTAssertEqual(dashboard.state.due.cursor.selection, count - 1)
    press(&dashboard, .character("j"))
    XCTAssertEqual(dashboard.state.due.cursor.selection, count - 1)
    press(&dashboard, .character("g"), .character("k"))
    XCTAssertEqual(dashboard.state.due.cursor.selection, 0)
  }

  func testReadOnlyExplains() throws {
    let fixture = try BookFixture()
    var dashboard = try fixture.dashboard(readOnly: true)
    press(&dashboard, .character("d"), .character("t"))
    XCTAssertNil(dashboard.state.form)
    XCTAssertEqual(
      dashboard.state.message, "read-only, cannot close a play: opened read-only or the journal is not writable")
  }
}
