import Foundation
import RapportDomain
import RapportJournal
import XCTest

@testable import RapportTerminal

/// The account detail beyond its header: "Next", the health sparkline, an entry read whole, the text
/// search of `/`, and cursors that stay on their entries while others write.
final class AccountDetailTests: XCTestCase {
  let today = BookFixture.today

  private func desk(_ fixture: BookFixture, user: String = "bo") throws -> Desk {
    try Desk.open(Journal(path: fixture.path), user: user)
  }

  /// The screen's rows, trimmed.
  private func screen(_ dashboard: Dashboard) -> [String] { render(dashboard).lines }

  /// Polls as the event loop does until the text search for the filter has finished.
  private func waitForTextMatches(_ dashboard: inout Dashboard, file: StaticString = #filePath, line: UInt = #line) {
    for _ in 0..<400 {
      _ = dashboard.poll()
      if !dashboard.projection.isSearchingText { return }
      usleep(25_000)
    }
    XCTFail("the text search did not finish within 10 s", file: file, line: line)
  }

  /// Moves the timeline's cursor from the top down to the first entry that `matches`.
  private func moveTimeline(_ dashboard: inout Dashboard, to matches: (TimelineEntry) -> Bool) {
    press(&dashboard, .character("g"))
    let entries = dashboard.state.accounts.timelineEntries(dashboard.environment())
    guard let index = entries.firstIndex(where: matches) else { return XCTFail("no such entry: \(entries)") }
    for _ in 0..<index { press(&dashboard, .character("j")) }
  }

  // MARK: Next

  func testNextListsTheOpenPlaysOverdueFirstThenSoonest() throws {
    let fixture = try BookFixture()
    var other = try desk(fixture, user: "ana")
    try other.perform(.addTask(slug: "acme", text: "Send the QBR deck", due: today.adding(days: 1), owner: "ana"))
    try other.perform(
      .addTask(
        slug: "acme", text: "Chase the signed order", due: today.adding(days: -3), owner: "ana",
        date: today.adding(days: -10)))
    var dashboard = try fixture.dashboard()
    select("acme", in: &dashboard)
    press(&dashboard, .enter)
    let lines = screen(dashboard)
    // The renewal conversation is the most overdue, then the task; the rest counted.
    let first = try XCTUnwrap(lines.firstIndex { $0.hasPrefix("Next ") }, "\(lines)")
    XCTAssertTrue(lines[first].hasPrefix("Next ! 2026-10-24 overdue 30d renewal conversation"), lines[first])
    XCTAssertTrue(lines[first + 1].hasPrefix("     ! \(today.adding(days: -3)) overdue 3d"), lines[first + 1])
    XCTAssertTrue(lines[first + 1].contains("Chase the signed order"), lines[first + 1])
    XCTAssertTrue(lines[first + 2].contains("… 6 more open plays (d: what is due)"), lines[first + 2])
    XCTAssertTrue(lines[first + 3].hasPrefix("Timeline"), lines[first + 3])
    // After the overdue ones, the soonest: the task due tomorrow.
    let plays = AccountDetail.nextPlays(try XCTUnwrap(dashboard.selection), today: today)
    let overdue = plays.prefix { $0.isOverdue(on: today) }.count
    XCTAssertEqual(overdue, 2)
    XCTAssertEqual(plays[overdue].title.contains("Send the QBR deck"), true, "\(plays.map(\.title))")
    XCTAssertEqual(plays.map(\.due), plays.map(\.due).sorted())
  }

  func testNextSaysWhenNothingIsDue() throws {
    let fixture = try BookFixture()
    var dashboard = try fixture.dashboard()
    select("acme", in: &dashboard)
    let item = try XCTUnwrap(dashboard.selection)
    var idle = item
    idle.plays = []
    XCTAssertEqual(AccountDetail.nextLines(idle, today: today).map { $0.map(\.text).joined() }, ["Next  nothing due"])
  }

  // MARK: The sparkline

  /// Touched every week for its first month, then never again: its health falls from yellow (only the
  /// touch measure has data) to red.
  private func fallingAccount(_ fixture: BookFixture) throws {
    var other = try desk(fixture, user: "ana")
    let start = today.adding(days: -84)
    try other.perform(
      .addAccount(
        slug: "fading", profile: AccountProfile(name: "Fading Foods", tier: 1, stage: .growth, owner: "ana"),
        date: start))
    for week in 0..<4 {
      let day = start.adding(days: 7 * week + 1)
      try other.perform(.logTouchpoint(slug: "fading", TouchpointInput(kind: .call, date: day, summary: "Weekly call")))
    }
  }

  func testTheSparklineShowsTwelveWeeksOfHealthByHeightAndLetterWithoutColour() throws {
    let fixture = try BookFixture()
    try fallingAccount(fixture)
    var dashboard = try fixture.dashboard()
    select("fading", in: &dashboard)
    press(&dashboard, .enter)
    let line = try XCTUnwrap(screen(dashboard).first { $0.contains("12 weeks") }, "\(screen(dashboard))")
    let blocks = line.filter { AccountDetail.blocks.contains($0) }
    XCTAssertEqual(blocks.count, 12, line)
    XCTAssertEqual(blocks.first, "█", line)
    XCTAssertEqual(blocks.last, "▁", line)
    XCTAssertTrue(line.contains("100 → 0"), line)
    // The built-in theme has no colour: each week's health letter follows, yellow weeks then red ones.
    let letters = try XCTUnwrap(line.split(separator: " ").last.map(String.init))
    XCTAssertEqual(letters.count, 12, line)
    XCTAssertNotNil(letters.range(of: "^Y+R+$", options: .regularExpression), line)
  }

  func testTheSparklineBlocksTakeTheHealthColours() throws {
    let fixture = try BookFixture()
    try fallingAccount(fixture)
    var theme = Theme.fallback
    theme[.healthRed] = Style(foreground: .red)
    theme[.healthYellow] = Style(foreground: .yellow)
    theme[.healthGreen] = Style(foreground: .green)
    var dashboard = Dashboard(desk: try desk(fixture, user: "ana"), today: today, theme: theme)
    select("fading", in: &dashboard)
    press(&dashboard, .enter)
    let canvas = render(dashboard)
    let row = try XCTUnwrap(canvas.lines.firstIndex { $0.contains("12 weeks") })
    let cells = (0..<canvas.columns).map { canvas[row, $0] }
    let full = try XCTUnwrap(cells.first { $0.text == "█" })
    let low = try XCTUnwrap(cells.last { $0.text == "▁" })
    XCTAssertEqual(full.style.foreground, .yellow)
    XCTAssertEqual(low.style.foreground, .red)
    XCTAssertFalse(canvas.lines[row].hasSuffix("R"), "letters only without colour: \(canvas.lines[row])")
  }

  // MARK: An entry read whole

  func testEnterOnATimelineEntryShowsItWholeAndEscClosesIt() throws {
    let fixture = try BookFixture()
    let summary =
      (1...40).map { "word\($0)" }.joined(separator: " ") + " and the renewal terms we agreed on last"
    var other = try desk(fixture, user: "bo")
    try other.perform(
      .logTouchpoint(
        slug: "acme",
        TouchpointInput(
          kind: .meeting, date: today.adding(days: -1), summary: summary, participants: ["Dana Lee", "Bo"],
          outcome: "Ready to sign")))
    var dashboard = try fixture.dashboard()
    select("acme", in: &dashboard)
    press(&dashboard, .enter)
    moveTimeline(&dashboard) { $0.kind == "touchpoint" && $0.title.hasPrefix("meeting") }
    XCTAssertEqual(dashboard.selectedTimelineEntry?.kind, "touchpoint")
    XCTAssertTrue(dashboard.selectedTimelineEntry?.title.hasPrefix("meeting: word1 ") ?? false)
    // In the timeline the summary is cut at the edge.
    XCTAssertFalse(screen(dashboard).contains { $0.contains("agreed on last") })

    press(&dashboard, .enter)
    XCTAssertEqual(dashboard.keyContext, .entry)
    let lines = screen(dashboard)
    XCTAssertTrue(lines[1].hasPrefix("Entry #"), "\(lines)")
    XCTAssertTrue(lines.contains { $0.contains("recorded by bo on ") }, "\(lines)")
    XCTAssertTrue(lines.contains { $0.hasPrefix("with") && $0.contains("Dana Lee, Bo") }, "\(lines)")
    XCTAssertTrue(lines.contains { $0.hasPrefix("outcome") && $0.contains("Ready to sign") }, "\(lines)")
    XCTAssertTrue(lines.contains { $0.hasPrefix("kind") && $0.contains("meeting") }, "\(lines)")
    // The summary wrapped over several lines, every word of it there, in order.
    let first = try XCTUnwrap(lines.firstIndex { $0.hasPrefix("summary") })
    let wrapped = lines[first...].prefix { !$0.hasPrefix("outcome") }
    XCTAssertGreaterThan(wrapped.count, 2, "\(lines)")
    let text = wrapped.map { $0.replacingOccurrences(of: "summary", with: "").trimmingCharacters(in: .whitespaces) }
    XCTAssertEqual(text.joined(separator: " "), summary)
    XCTAssertTrue(wrapped.allSatisfy { $0.count <= 80 })

    press(&dashboard, .escape)
    XCTAssertEqual(dashboard.keyContext, .accountDetail)
    XCTAssertTrue(screen(dashboard).contains { $0.contains("Timeline") })
  }

  func testAnEntryReadWholeShowsItsAmendmentsAndRetraction() throws {
    let fixture = try BookFixture()
    var other = try desk(fixture, user: "bo")
    let seq = try XCTUnwrap(
      other.perform(.logTouchpoint(slug: "acme", TouchpointInput(kind: .call, date: today, summary: "Wrong account")))
        .records.first?.seq)
    try other.perform(.amend(seq: seq, changes: JSONObject([("summary", .string("Wrong account, amended"))])))
    let retraction = try XCTUnwrap(other.perform(.retract(seq: seq, reason: "logged on acme by mistake")).records.first)
    var dashboard = try fixture.dashboard()
    select("acme", in: &dashboard)
    press(&dashboard, .enter, .character("x"))
    moveTimeline(&dashboard) { $0.seq == seq }
    XCTAssertEqual(dashboard.selectedTimelineEntry?.seq, seq)
    press(&dashboard, .enter)
    let lines = screen(dashboard)
    XCTAssertTrue(lines.contains { $0.contains("RETRACTED") }, "\(lines)")
    XCTAssertTrue(lines.contains { $0.hasPrefix("summary") && $0.contains("Wrong account, amended") }, "\(lines)")
    XCTAssertTrue(lines.contains { $0.hasPrefix("amended") && $0.contains("#\(seq + 1)") }, "\(lines)")
    XCTAssertTrue(
      lines.contains {
        $0.hasPrefix("retracted") && $0.contains("by bo (#\(retraction.seq)): logged on acme by mistake")
      }, "\(lines)")
  }

  // MARK: Text search

  func testSlashFindsATouchpointByItsTextWithItsDateAndJumpsToIt() throws {
    let fixture = try BookFixture()
    var other = try desk(fixture, user: "bo")
    let day = today.adding(days: -3)
    let seq = try XCTUnwrap(
      other.perform(
        .logTouchpoint(
          slug: "globex", TouchpointInput(kind: .call, date: day, summary: "Walked through the Pricing sheet"))
      )
      .records.first?.seq)
    try other.perform(.noteValue(slug: "tokyo", text: "Saved a week on pricing reviews", date: today))
    var dashboard = try fixture.dashboard()
    type(&dashboard, "/pricing")
    press(&dashboard, .enter)
    waitForTextMatches(&dashboard)
    let lines = screen(dashboard)
    XCTAssertTrue(lines.contains { $0.contains("No account matches \"pricing\".") }, "\(lines)")
    // Newest first: the value note of today, then the call of three days ago.
    let note = try XCTUnwrap(lines.firstIndex { $0.contains("value note") }, "\(lines)")
    let call = try XCTUnwrap(lines.firstIndex { $0.contains("\(day)") && $0.contains("Globex") }, "\(lines)")
    XCTAssertLessThan(note, call)
    XCTAssertTrue(lines[note].hasPrefix("\(today)"), lines[note])
    XCTAssertTrue(lines[call].contains("call") && lines[call].contains("the Pricing sheet"), lines[call])

    // Down to the call, Enter: Globex's timeline with its cursor on that entry.
    press(&dashboard, .character("j"))
    XCTAssertTrue(screen(dashboard)[call].contains("▶Globex"), screen(dashboard)[call])
    press(&dashboard, .enter)
    XCTAssertEqual(dashboard.state.accounts.focus, .detail)
    XCTAssertEqual(dashboard.selection?.account.slug, nil, "the row is an entry, not an account")
    XCTAssertEqual(dashboard.state.accounts.timelineEntries(dashboard.environment()).isEmpty, false)
    XCTAssertEqual(dashboard.selectedTimelineEntry?.seq, seq)
    XCTAssertTrue(screen(dashboard).contains { $0.contains("Globex") && $0.contains("(globex)") })
  }

  func testFewerThanThreeLettersSearchNamesOnly() throws {
    let fixture = try BookFixture()
    var dashboard = try fixture.dashboard()
    type(&dashboard, "/ca")
    waitForTextMatches(&dashboard)
    XCTAssertEqual(dashboard.projection.textMatches.total, 0, "Kickoff call is not searched for two letters")
    type(&dashboard, "l")
    waitForTextMatches(&dashboard)
    XCTAssertEqual(dashboard.projection.textMatches.matches.map(\.account), ["acme"])
  }

  // MARK: Cursors that follow their entries

  func testTheTimelineCursorStaysOnItsEntryWhileAnotherWriterAppends() throws {
    let fixture = try BookFixture()
    var other = try desk(fixture, user: "bo")
    try other.perform(
      .logTouchpoint(slug: "acme", TouchpointInput(kind: .call, date: today.adding(days: -2), summary: "Older call")))
    var dashboard = try fixture.dashboard()
    select("acme", in: &dashboard)
    press(&dashboard, .enter)
    XCTAssertEqual(dashboard.selectedTimelineEntry?.title, "call: Kickoff call")
    let kickoff = try XCTUnwrap(dashboard.selectedTimelineEntry?.seq)

    // bo logs a newer call: it goes on top, the cursor stays on the kickoff call.
    let theirs = try XCTUnwrap(
      other.perform(.logTouchpoint(slug: "acme", TouchpointInput(kind: .email, date: today, summary: "Their note")))
        .records.first?.seq)
    XCTAssertTrue(dashboard.poll())
    XCTAssertEqual(dashboard.selectedTimelineEntry?.seq, kickoff)
    XCTAssertTrue(
      screen(dashboard).contains { $0.hasPrefix("▶") && $0.contains("Kickoff call") }, "\(screen(dashboard))")
    press(&dashboard, .character("u"))
    XCTAssertTrue(
      screen(dashboard).contains { $0.contains("Retract #\(kickoff) of Acme Corporation?") }, "not #\(theirs)")
    press(&dashboard, .escape)

    // bo retracts the kickoff call: the cursor goes to the entry now in its place, the next older
    // (the account's creation, recorded the same day before it).
    try other.perform(.retract(seq: kickoff, reason: "duplicate"))
    XCTAssertTrue(dashboard.poll())
    XCTAssertEqual(dashboard.selectedTimelineEntry?.title, "account created: tier 1")
    // With retracted entries shown it is there again, and the cursor goes back to it only when moved.
    press(&dashboard, .character("x"))
    XCTAssertEqual(dashboard.selectedTimelineEntry?.title, "account created: tier 1")
  }

  func testTheListCursorStaysOnItsAccountWhileAnotherWriterAddsOneAbove() throws {
    let fixture = try BookFixture()
    var dashboard = try fixture.dashboard()
    press(&dashboard, .character("j"), .character("j"))
    let slug = try XCTUnwrap(dashboard.selection?.account.slug)
    let index = dashboard.state.selected
    var other = try desk(fixture, user: "bo")
    // Unowned accounts come first: this one goes above the cursor.
    try other.perform(.addAccount(slug: "aaa", profile: AccountProfile(name: "Aardvark", tier: 1, stage: .growth)))
    XCTAssertTrue(dashboard.poll())
    XCTAssertEqual(dashboard.selection?.account.slug, slug)
    XCTAssertEqual(dashboard.state.selected, index + 1)
  }

  func testTheListCursorStaysOnItsTextMatchWhileTheListChanges() throws {
    let fixture = try BookFixture()
    var other = try desk(fixture, user: "bo")
    for slug in ["acme", "globex"] {
      try other.perform(
        .logTouchpoint(slug: slug, TouchpointInput(kind: .call, date: today, summary: "Budget review \(slug)")))
    }
    var dashboard = try fixture.dashboard()
    type(&dashboard, "/budget")
    press(&dashboard, .enter)
    waitForTextMatches(&dashboard)
    XCTAssertEqual(dashboard.projection.textMatches.matches.count, 2)
    press(&dashboard, .character("j"))
    let seq = try XCTUnwrap(dashboard.projection.textMatch(atRow: dashboard.state.selected)?.seq)
    // An account whose name matches appears above the matches.
    try other.perform(
      .addAccount(slug: "budget-co", profile: AccountProfile(name: "Budget Co", tier: 1, stage: .growth, owner: "bo")))
    _ = dashboard.poll()
    waitForTextMatches(&dashboard)
    XCTAssertEqual(dashboard.projection.visible.count, 1)
    XCTAssertEqual(dashboard.projection.textMatch(atRow: dashboard.state.selected)?.seq, seq)
  }
}
