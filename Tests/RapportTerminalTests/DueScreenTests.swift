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

  // MARK: Names, filter, urgency, a cursor that follows its play

  /// Tasks for ana 400 days late (stale), 20 and 10 days late, and due tomorrow.
  private func withTasks(_ fixture: BookFixture) throws -> [String: Int] {
    var desk = try Desk.open(Journal(path: fixture.path), user: "ana")
    var ids: [String: Int] = [:]
    for (name, slug, days) in [
      ("stale", "globex", -400), ("twenty", "tokyo", -20), ("ten", "rocket", -10), ("tomorrow", "acme", 1),
    ] {
      let added = try desk.perform(
        .addTask(slug: slug, text: "task \(name)", due: fixture.today.adding(days: days), owner: "ana"))
      ids[name] = try XCTUnwrap(added.records.first?.seq)
    }
    return ids
  }

  func testMostUrgentFirstAndStalePlaysApartAtTheEnd() throws {
    let fixture = try BookFixture()
    let ids = try withTasks(fixture)
    var dashboard = try fixture.dashboard()
    press(&dashboard, .character("d"), .character("e"))
    let plays = dashboard.duePlays
    let today = fixture.today
    // Overdue, most days late first; then due soonest; the stale one last.
    let position = { (name: String) in plays.firstIndex { $0.taskID == ids[name] } ?? -1 }
    XCTAssertEqual(position("stale"), plays.count - 1)
    XCTAssertLessThan(position("twenty"), position("ten"))
    let renewal = try XCTUnwrap(plays.firstIndex { $0.code == .renewalConversation })
    XCTAssertLessThan(renewal, position("twenty"), "30 days late before 20")
    let overdue = plays.prefix { $0.isOverdue(on: today) && $0.daysLate(on: today) <= 365 }
    XCTAssertEqual(overdue.map { $0.daysLate(on: today) }, overdue.map { $0.daysLate(on: today) }.sorted(by: >))
    let upcoming = plays[overdue.count..<(plays.count - 1)]
    XCTAssertTrue(upcoming.allSatisfy { !$0.isOverdue(on: today) })
    XCTAssertEqual(upcoming.map(\.due), upcoming.map(\.due).sorted())
    XCTAssertEqual(upcoming.first?.taskID, ids["tomorrow"])
    // Page one starts with what is most urgent, not with the stale task.
    var lines = render(dashboard).lines
    XCTAssertTrue(lines[1].contains("30 plays, 8 overdue"), lines[1])
    XCTAssertTrue(lines[3].hasPrefix("▶2026-10-24   30d Acme Corporation"), lines[3])
    XCTAssertFalse(lines.contains { $0.contains("task stale") })
    // At the end, under its own heading with its count.
    press(&dashboard, .end)
    lines = render(dashboard).lines
    let heading = try XCTUnwrap(
      lines.firstIndex { $0.hasPrefix("Stale: overdue more than a year (1 play)") }, "\(lines)")
    XCTAssertTrue(lines[heading + 1].hasPrefix("▶2025-10-19  400d Globex"), lines[heading + 1])
    XCTAssertTrue(lines[heading + 1].contains("task stale (task \(ids["stale"] ?? 0))"), lines[heading + 1])
  }

  func testSlashFiltersByNameIdOwnerOrPlayAsYouTypeAndEscClears() throws {
    let fixture = try BookFixture()
    _ = try withTasks(fixture)
    var dashboard = try fixture.dashboard()
    press(&dashboard, .character("d"), .character("e"))
    let all = dashboard.duePlays.count
    func accounts() -> Set<String> { Set(dashboard.duePlays.map(\.account)) }
    type(&dashboard, "/東京")
    XCTAssertEqual(accounts(), ["tokyo"], "by name, as typed")
    XCTAssertTrue(render(dashboard).lines.last?.contains("filter: 東京▏") ?? false)
    press(&dashboard, .control("u"))
    type(&dashboard, "glob")
    XCTAssertEqual(accounts(), ["globex"], "by id")
    press(&dashboard, .control("u"))
    type(&dashboard, "qbr")
    XCTAssertTrue(dashboard.duePlays.allSatisfy { $0.code == .qbr }, "by play")
    XCTAssertFalse(dashboard.duePlays.isEmpty)
    press(&dashboard, .control("u"))
    type(&dashboard, " bo ")
    XCTAssertEqual(accounts(), ["tokyo"], "by owner")
    press(&dashboard, .control("u"))
    type(&dashboard, "rocket")
    press(&dashboard, .enter)
    XCTAssertEqual(accounts(), ["rocket"])
    let lines = render(dashboard).lines
    XCTAssertTrue(lines[1].contains("of \(all) plays") && lines[1].contains("filter \"rocket\" (Esc clears)"), lines[1])
    XCTAssertTrue(lines.contains { $0.contains("🚀 Rocket Labs") })
    type(&dashboard, "/zzz")
    XCTAssertTrue(render(dashboard).lines.contains { $0.contains("No play matches \"zzz\"") })
    press(&dashboard, .escape)
    XCTAssertEqual(dashboard.duePlays.count, all, "Esc while typing clears")
    type(&dashboard, "/acme")
    press(&dashboard, .enter, .escape)
    XCTAssertEqual(dashboard.duePlays.count, all, "Esc on the screen clears the kept filter")
    XCTAssertEqual(dashboard.state.screen, .due)
    press(&dashboard, .escape)
    XCTAssertEqual(dashboard.state.screen, .main, "then goes back")
  }

  func testTheCursorStaysOnItsPlayWhenAnotherWriterAppends() throws {
    let fixture = try BookFixture()
    let ids = try withTasks(fixture)
    var dashboard = try fixture.dashboard()
    press(&dashboard, .character("d"), .character("e"))
    let index = try XCTUnwrap(dashboard.duePlays.firstIndex { $0.taskID == ids["ten"] })
    for _ in 0..<index { press(&dashboard, .character("j")) }
    let next = dashboard.duePlays[index + 1]
    // Another writer adds a task more overdue: it comes before; the cursor stays on its task.
    var other = try Desk.open(Journal(path: fixture.path), user: "bo")
    try other.perform(.addTask(slug: "acme", text: "older", due: fixture.today.adding(days: -15), owner: "bo"))
    XCTAssertTrue(dashboard.poll())
    XCTAssertEqual(dashboard.selectedPlay?.taskID, ids["ten"])
    XCTAssertEqual(dashboard.state.due.cursor.selection, index + 1)
    XCTAssertTrue(render(dashboard).lines.contains { $0.hasPrefix("▶") && $0.contains("task ten") })
    // The other writer completes it: the cursor goes to the play now in its place.
    try other.perform(.completeTask(id: try XCTUnwrap(ids["ten"]), date: fixture.today))
    XCTAssertTrue(dashboard.poll())
    XCTAssertEqual(dashboard.selectedPlay, next)
    // The filter keeps the cursor on its play while it matches.
    type(&dashboard, "/labs")
    XCTAssertEqual(dashboard.selectedPlay?.account, "rocket")
  }
}
