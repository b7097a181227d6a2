import RapportDomain
import RapportJournal
import XCTest

@testable import RapportTerminal

/// The standup on the dashboard, by keys: cards, the action-item form, discussed/skipped as journal
/// events, notes, the questions before quitting or finishing, resuming on another dashboard, `A`,
/// scrolling, the summary and its copy.
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

  private func types(_ fixture: BookFixture, after count: Int) throws -> [String] {
    try fixture.records().dropFirst(count).map(\.type)
  }

  func testWholeStandupByKeys() throws {
    let fixture = try fixture()
    var dashboard = try fixture.dashboard()
    let before = try fixture.records().count
    press(&dashboard, .character("S"))
    XCTAssertEqual(dashboard.keyContext, .standup)
    let session = try XCTUnwrap(dashboard.state.standup?.session)
    // Unowned first; then renewals at risk (60 days out, no conversation yet), worst first. Every account
    // is yellow 100 on thin data (a call today, or created today and never touched), so by id.
    XCTAssertEqual(session.agenda.items.map(\.account.slug), ["globex", "acme", "evil", "rocket", "tokyo"])
    XCTAssertEqual(try fixture.records().count, before, "looking at the agenda writes nothing")
    var text = screenText(dashboard)
    XCTAssertTrue(text.contains("Standup 1/5"), text)
    XCTAssertTrue(text.contains("not started"), text)
    XCTAssertTrue(text.contains("Globex"), text)
    XCTAssertTrue(text.contains("on the agenda: no owner, renewal at risk"), text)

    // The action item is a form titled as such; the text may say it all.
    press(&dashboard, .character("a"))
    XCTAssertEqual(dashboard.keyContext, .form)
    XCTAssertTrue(screenText(dashboard).contains("Action item for Globex"), screenText(dashboard))
    type(&dashboard, "call CFO @bo fri")
    press(&dashboard, .enter)
    XCTAssertEqual(try types(fixture, after: before), ["standup.started", "task.created"])
    let records = try fixture.records()
    let started = records[before]
    let task = records[before + 1]
    XCTAssertEqual(started.data["agenda"], .array(["globex", "acme", "evil", "rocket", "tokyo"].map(JSONValue.string)))
    XCTAssertEqual(task.account, "globex")
    XCTAssertEqual(task.data["owner"], .string("bo"))
    XCTAssertEqual(task.data["text"], .string("call CFO"))
    XCTAssertEqual(task.data["due"], .string("2026-11-27"))
    XCTAssertEqual(task.data["standup"], .string(started.id))
    XCTAssertEqual(dashboard.keyContext, .standup, "the form closed over the card")
    XCTAssertTrue(screenText(dashboard).contains("→ call CFO"))

    press(&dashboard, .enter)  // globex discussed
    let reviewed = try XCTUnwrap(try fixture.records().last)
    XCTAssertEqual(reviewed.type, "standup.reviewed")
    XCTAssertEqual(reviewed.data["account"], .string("globex"))
    XCTAssertEqual(reviewed.data["outcome"], .string("discussed"))
    text = screenText(dashboard)
    XCTAssertTrue(text.contains("Standup 2/5"), text)
    XCTAssertTrue(text.contains("1 discussed, 0 skipped, 1 action, 4 to go"), text)
    XCTAssertTrue(text.contains("renewal conversation"), text)
    press(&dashboard, .character("N"))
    type(&dashboard, "Waiting for the budget")
    press(&dashboard, .enter)
    XCTAssertEqual(try fixture.records().last?.data["note"], .string("Waiting for the budget"))
    XCTAssertTrue(screenText(dashboard).contains("note: Waiting for the budget"), screenText(dashboard))
    press(&dashboard, .character("s"))  // acme skipped

    // F with cards left asks first; y records them as not reached.
    press(&dashboard, .character("F"))
    XCTAssertEqual(dashboard.keyContext, .standupPrompt)
    XCTAssertTrue(screenText(dashboard).contains("3 cards to go. Finish now? y records"), screenText(dashboard))
    press(&dashboard, .character("y"))
    let held = try XCTUnwrap(try fixture.records().last)
    XCTAssertEqual(held.type, "standup.held")
    XCTAssertEqual(held.recordedBy, "ana")
    XCTAssertEqual(held.data["started"], .string(started.id))
    XCTAssertEqual(held.data["discussed"], .array([.string("globex")]))
    XCTAssertEqual(held.data["skipped"], .array([.string("acme")]))
    XCTAssertEqual(held.data["not_reached"], .array(["evil", "rocket", "tokyo"].map(JSONValue.string)))
    XCTAssertEqual(held.data["actions"], .array([.number(Double(task.seq))]))
    text = screenText(dashboard, rows: 40)
    XCTAssertTrue(text.contains("Standup recorded"), text)
    XCTAssertTrue(text.contains("1 account discussed · 1 skipped · 3 not reached · 1 action item"), text)
    XCTAssertTrue(text.contains("Globex: call CFO — @bo"), text)
    XCTAssertTrue(text.contains("note: Waiting for the budget"), text)
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

  func testASecondDashboardResumesAndFollowsTheStandup() throws {
    let fixture = try fixture()
    var lead = try fixture.dashboard()
    press(&lead, .character("S"), .enter, .character("s"))
    XCTAssertEqual(lead.state.standup?.session.current?.account.slug, "evil")

    // Another person opens the standup: the journal's, where it stood.
    var other = try fixture.dashboard(user: "bo")
    press(&other, .character("S"))
    XCTAssertEqual(other.state.standup?.session.current?.account.slug, "evil")
    XCTAssertEqual(other.state.message, "resumed the standup started by ana: 2 of 5 done")
    XCTAssertTrue(screenText(other).contains("1 discussed, 1 skipped, 0 actions, 3 to go"), screenText(other))

    // The lead goes on: the other dashboard follows.
    press(&lead, .enter)
    XCTAssertTrue(other.poll())
    XCTAssertEqual(other.state.standup?.session.current?.account.slug, "rocket")
    XCTAssertTrue(screenText(other).contains("2 discussed, 1 skipped, 0 actions, 2 to go"), screenText(other))

    // And a dashboard that quit (here: a new one for the same user) resumes it too.
    var again = try fixture.dashboard()
    press(&again, .character("S"))
    XCTAssertEqual(again.state.standup?.session.current?.account.slug, "rocket")
  }

  func testQuitAsksWithCardsLeft() throws {
    let fixture = try fixture()
    var dashboard = try fixture.dashboard()
    press(&dashboard, .character("S"), .enter)
    XCTAssertEqual(dashboard.handle(.character("q")), .redraw, "q does not quit at once")
    XCTAssertEqual(dashboard.keyContext, .standupPrompt)
    XCTAssertTrue(
      screenText(dashboard).contains("4 cards to go. Quit? y quits (the standup stays open in the journal"),
      screenText(dashboard))
    press(&dashboard, .character("n"))
    XCTAssertEqual(dashboard.keyContext, .standup)
    XCTAssertEqual(dashboard.state.standup?.session.current?.account.slug, "acme")
    press(&dashboard, .character("q"))
    XCTAssertEqual(dashboard.handle(.character("y")), .quit)
  }

  func testAStandupOfAnEarlierDayAsksToResumeOrStartAgain() throws {
    let fixture = try fixture()
    var desk = try Desk.open(Journal(path: fixture.path), user: "bo")
    let earlier = fixture.today.adding(days: -3)
    let started = try desk.perform(
      .standup(
        .new(StandupPlan(day: earlier, owner: nil, agenda: ["acme", "globex"])),
        .review(account: "acme", outcome: .discussed, note: nil)),
      in: Context(now: .now(), today: earlier, user: "bo"))
    var dashboard = try fixture.dashboard()
    press(&dashboard, .character("S"))
    XCTAssertEqual(dashboard.keyContext, .standupPrompt)
    XCTAssertTrue(
      screenText(dashboard).contains("A standup started 2026-11-20 by bo is still open (1 of 2 cards done)"),
      screenText(dashboard))
    press(&dashboard, .character("y"))
    XCTAssertEqual(dashboard.state.standup?.session.open?.id, started.records.first?.id)
    XCTAssertEqual(dashboard.state.standup?.session.current?.account.slug, "globex")

    // Esc, S again, and n: a new standup for today (nothing written until its first step).
    press(&dashboard, .escape)
    XCTAssertEqual(dashboard.state.message, "standup paused (its progress is in the journal): S resumes it")
    var fresh = try fixture.dashboard()
    press(&fresh, .character("S"), .character("n"))
    XCTAssertNil(fresh.state.standup?.session.open)
    XCTAssertEqual(fresh.state.standup?.session.agenda.items.count, 5)
  }

  func testAShowsEveryAccountAndCardsScroll() throws {
    let fixture = try fixture()
    var desk = try Desk.open(Journal(path: fixture.path), user: "ana")
    // A sixth account with no reason to be on the agenda: renewal far away, a call today.
    try desk.perform(
      .addAccount(
        slug: "calm",
        profile: AccountProfile(
          name: "Calm Co", tier: 3, stage: .growth, owner: "ana", renewal: fixture.today.adding(days: 300))))
    for index in 1...30 {
      try desk.perform(
        .logTouchpoint(slug: "globex", TouchpointInput(kind: .email, date: fixture.today, summary: "Mail \(index)")))
    }
    var dashboard = try fixture.dashboard()
    press(&dashboard, .character("S"))
    XCTAssertEqual(dashboard.state.standup?.session.agenda.items.count, 5)
    press(&dashboard, .character("A"))
    XCTAssertEqual(dashboard.state.standup?.session.agenda.items.map(\.account.slug).last, "calm")
    press(&dashboard, .character("A"))
    XCTAssertEqual(dashboard.state.standup?.session.agenda.items.count, 5)

    // Globex's card is taller than 80x24: it says so, and PgDn / J scroll it, not the cards.
    var text = screenText(dashboard, rows: 24, columns: 80)
    XCTAssertTrue(text.contains("more lines: PgDn / J"), text)
    XCTAssertFalse(text.contains("Mail 30"), text)
    press(&dashboard, .pageDown, .pageDown, .character("J"))
    XCTAssertEqual(dashboard.state.standup?.session.current?.account.slug, "globex")
    XCTAssertGreaterThan(dashboard.state.standup?.session.cardScroll ?? 0, 20)
    text = screenText(dashboard, rows: 24, columns: 80)
    XCTAssertTrue(text.contains("email: Mail 30"), text)
    press(&dashboard, .character("j"))
    XCTAssertEqual(dashboard.state.standup?.session.cardScroll, 0, "the next card shows from its top")
  }

  func testCopyWithoutATerminalSaysWhereElse() throws {
    let fixture = try fixture()
    var dashboard = try fixture.dashboard()
    press(&dashboard, .character("S"), .enter, .character("C"))
    XCTAssertEqual(dashboard.keyContext, .standupSummary)
    XCTAssertEqual(
      dashboard.state.message,
      "cannot copy to the clipboard here (no terminal): Ctrl-X opens it in $EDITOR; "
        + "rapport standup --summary --format markdown prints it")
    let text = screenText(dashboard)
    XCTAssertTrue(text.contains("# Standup 2026-11-23 (in progress) — everyone's accounts"), text)
    XCTAssertTrue(text.contains("- **Globex** (`globex`), no owner"), text)
    // Where the terminal allows it, C copies (the event loop writes OSC 52).
    dashboard.clipboard = .osc52
    let markdown = try XCTUnwrap(dashboard.state.standup?.markdown(dashboard.environment()))
    XCTAssertEqual(dashboard.handle(.character("C")), .copy(markdown))
    XCTAssertEqual(
      dashboard.state.message,
      "the standup's summary (Markdown) copied to the clipboard (OSC 52, where the terminal allows it)")
    press(&dashboard, .escape)
    XCTAssertEqual(dashboard.keyContext, .standup, "Esc goes back to the cards")
  }

  func testEscapePausesAndSResumes() throws {
    let fixture = try fixture()
    var dashboard = try fixture.dashboard()
    let before = try fixture.records().count
    press(&dashboard, .character("S"), .character("j"), .escape)
    XCTAssertEqual(dashboard.state.screen, .main)
    XCTAssertEqual(dashboard.state.message, "standup paused (nothing recorded yet): S resumes it")
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
    press(&dashboard, .character("S"), .character("G"))
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

  func testActionItemFormShowsItsErrorsAndEscWritesNothing() throws {
    let fixture = try fixture()
    var dashboard = try fixture.dashboard()
    let before = try fixture.records().count
    press(&dashboard, .character("S"), .character("a"))
    type(&dashboard, "@bo fri")
    press(&dashboard, .enter)
    XCTAssertEqual(dashboard.state.form?.errors, ["text: missing action item text"])
    XCTAssertTrue(screenText(dashboard).contains("missing action item text"), screenText(dashboard))
    press(&dashboard, .escape)
    XCTAssertEqual(dashboard.keyContext, .standup, "Esc closes the form, not the standup")
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
    press(&dashboard, .enter)
    XCTAssertEqual(
      dashboard.state.message,
      "read-only, cannot mark the card discussed: opened read-only or the journal is not writable")
    press(&dashboard, .character("F"))
    XCTAssertEqual(
      dashboard.state.message, "read-only, cannot record the standup: opened read-only or the journal is not writable")
    XCTAssertEqual(try fixture.records().count, before)
  }
}
