import RapportDomain
import RapportJournal
import XCTest

@testable import RapportTerminal

final class TouchpointFormTests: XCTestCase {
  private func touchpoints(_ fixture: BookFixture) throws -> [Record] {
    try fixture.records().filter { $0.type == "touchpoint.logged" }
  }

  func testQuickTouchpointIsSavedAndShown() throws {
    let fixture = try BookFixture()
    var dashboard = try fixture.dashboard()
    select("acme", in: &dashboard)
    let before = try fixture.records().count
    press(&dashboard, .character("t"))
    let form = try XCTUnwrap(dashboard.state.form)
    XCTAssertEqual(form.focus, .summary)
    XCTAssertEqual(form.text(of: .kind), "call")
    XCTAssertTrue(render(dashboard).lines.contains { $0.contains("Log touchpoint") })
    type(&dashboard, "Budget call")
    XCTAssertTrue(render(dashboard).lines.contains { $0.contains("Budget call") })
    press(&dashboard, .enter)
    XCTAssertNil(dashboard.state.form)

    let all = try fixture.records()
    XCTAssertEqual(all.count, before + 1)
    let record = try XCTUnwrap(all.last)
    XCTAssertEqual(record.type, "touchpoint.logged")
    XCTAssertEqual(record.account, "acme")
    XCTAssertEqual(record.data["summary"], .string("Budget call"))
    XCTAssertEqual(record.data["kind"], .string("call"))
    XCTAssertEqual(record.data["date"], .string(fixture.today.description))
    XCTAssertEqual(dashboard.state.message, "saved #\(record.seq)")
    XCTAssertEqual(dashboard.selection?.account.slug, "acme")
    let lines = render(dashboard, rows: 40, columns: 120).lines
    XCTAssertTrue(lines.contains { $0.contains("touchpoint call: Budget call") }, "\(lines)")
    XCTAssertTrue(lines.contains { $0.contains("saved #\(record.seq)") }, "\(lines)")
  }

  func testEscapeCancelsWithNothingAppended() throws {
    let fixture = try BookFixture()
    var dashboard = try fixture.dashboard()
    let before = try fixture.records().count
    press(&dashboard, .character("t"))
    type(&dashboard, "Never saved")
    press(&dashboard, .escape)
    XCTAssertNil(dashboard.state.form)
    XCTAssertEqual(try fixture.records().count, before)
    XCTAssertFalse(render(dashboard).lines.contains { $0.contains("Never saved") })
  }

  func testEmptySummaryShowsInlineError() throws {
    let fixture = try BookFixture()
    var dashboard = try fixture.dashboard()
    let before = try fixture.records().count
    press(&dashboard, .character("t"), .enter)
    let form = try XCTUnwrap(dashboard.state.form)
    XCTAssertEqual(form.errors, ["summary: required"])
    XCTAssertTrue(render(dashboard).lines.contains { $0.contains("summary: required") })
    XCTAssertEqual(try fixture.records().count, before)
  }

  func testBadDateShowsInlineError() throws {
    let fixture = try BookFixture()
    var dashboard = try fixture.dashboard()
    let before = try fixture.records().count
    press(&dashboard, .character("t"))
    type(&dashboard, "Notes")
    press(&dashboard, .backTab)
    XCTAssertEqual(dashboard.state.form?.focus, .date)
    press(&dashboard, .backspace, .backspace, .backspace, .backspace, .backspace)
    type(&dashboard, "someday")
    press(&dashboard, .enter)
    XCTAssertEqual(dashboard.state.form?.errors, ["date: not a date (today, yesterday, -3d, YYYY-MM-DD)"])
    XCTAssertTrue(render(dashboard).lines.contains { $0.contains("date: not a date") })
    XCTAssertEqual(try fixture.records().count, before)
  }

  func testYesterdayAndKindPickedByTyping() throws {
    let fixture = try BookFixture()
    var dashboard = try fixture.dashboard()
    select("acme", in: &dashboard)
    let before = try touchpoints(fixture).count
    press(&dashboard, .character("t"), .backTab, .backTab)
    XCTAssertEqual(dashboard.state.form?.focus, .kind)
    type(&dashboard, "m")
    XCTAssertEqual(dashboard.state.form?.text(of: .kind), "meeting")
    press(&dashboard, .tab)
    for _ in 0..<5 { press(&dashboard, .backspace) }
    type(&dashboard, "yesterday")
    press(&dashboard, .tab)
    type(&dashboard, "Roadmap review")
    press(&dashboard, .tab)
    type(&dashboard, "Kim, Lee")
    press(&dashboard, .enter)
    XCTAssertNil(dashboard.state.form)
    let all = try touchpoints(fixture)
    XCTAssertEqual(all.count, before + 1)
    let record = try XCTUnwrap(all.last)
    XCTAssertEqual(record.data["kind"], .string("meeting"))
    XCTAssertEqual(record.data["date"], .string(fixture.today.adding(days: -1).description))
    XCTAssertEqual(record.data["with"], .array([.string("Kim"), .string("Lee")]))
  }

  func testKindTypingCyclesAndRelativeDate() throws {
    let fixture = try BookFixture()
    let account = try Desk.open(Journal(path: fixture.path), user: "ana").book.account("acme")
    var form = EntryForm.touchpoint(for: account)
    form.focus = .kind
    form.insert("c")
    XCTAssertEqual(form.text(of: .kind), "check-in")
    form.insert("c")
    XCTAssertEqual(form.text(of: .kind), "call")
    form.insert("q")
    XCTAssertEqual(form.text(of: .kind), "qbr")
    form.focus = .summary
    form.insert("x")
    form.setText("-3d", of: .date)
    let today = Day(year: 2026, month: 3, day: 10)!
    guard case .success(.logTouchpoint(let slug, let input)) = form.command(today: today) else {
      return XCTFail("not valid")
    }
    XCTAssertEqual(slug, "acme")
    XCTAssertEqual(input.date, today.adding(days: -3))
    XCTAssertEqual(input.kind, .qbr)
  }

  func testFollowUpNeedsDue() throws {
    let fixture = try BookFixture()
    var dashboard = try fixture.dashboard()
    select("acme", in: &dashboard)
    let before = try fixture.records().count
    press(&dashboard, .character("t"))
    type(&dashboard, "Pricing call")
    press(&dashboard, .tab, .tab)
    XCTAssertEqual(dashboard.state.form?.focus, .followUp)
    type(&dashboard, "Send quote")
    press(&dashboard, .enter)
    XCTAssertEqual(dashboard.state.form?.errors, ["follow-up due: required"])
    XCTAssertTrue(render(dashboard).lines.contains { $0.contains("follow-up due: required") })
    XCTAssertEqual(try fixture.records().count, before)
    // Giving the due date saves both the touchpoint and its task.
    press(&dashboard, .tab)
    type(&dashboard, "+3d")
    press(&dashboard, .enter)
    XCTAssertNil(dashboard.state.form)
    let added = try fixture.records().dropFirst(before)
    XCTAssertEqual(added.map(\.type), ["touchpoint.logged", "task.created"])
    XCTAssertEqual(added.last?.data["due"], .string(fixture.today.adding(days: 3).description))
  }

  func testReadOnlyRefuses() throws {
    let fixture = try BookFixture()
    var dashboard = try fixture.dashboard(readOnly: true)
    let before = try fixture.records().count
    press(&dashboard, .character("t"))
    XCTAssertNil(dashboard.state.form)
    let message = try XCTUnwrap(dashboard.state.message)
    XCTAssertTrue(message.hasPrefix("read-only, cannot log a touchpoint: "), message)
    XCTAssertTrue(render(dashboard).lines.last?.contains("read-only") ?? false)
    XCTAssertEqual(try fixture.records().count, before)
  }

  func testHelpMentionsTouchpoint() throws {
    let fixture = try BookFixture()
    var dashboard = try fixture.dashboard()
    press(&dashboard, .character("?"))
    XCTAssertTrue(render(dashboard, rows: 40).lines.contains { $0.contains("log a touchpoint") })
  }
}
