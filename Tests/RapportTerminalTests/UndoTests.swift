import Foundation
import RapportDomain
import RapportJournal
import XCTest

@testable import RapportTerminal

/// `U`: undoes this session's own last entry still in effect, after a y/n question in the status line:
/// a retraction "undone", or, for an account added by mistake, an `account.voided`.
final class UndoTests: XCTestCase {
  /// The status line's rows at 80x24, joined as one text (a long question wraps onto more rows).
  private func statusText(_ dashboard: Dashboard) -> String {
    let rows = StatusLine.rows(dashboard, size: TerminalSize(rows: 24, columns: 80))
    return render(dashboard).lines.suffix(rows).map { $0.trimmingCharacters(in: .whitespaces) }.joined(separator: " ")
  }

  /// The rows above the status line.
  private func body(_ dashboard: Dashboard, rows: Int = 24, columns: Int = 80) -> [String] {
    let status = StatusLine.rows(dashboard, size: TerminalSize(rows: rows, columns: columns))
    return Array(render(dashboard, rows: rows, columns: columns).lines.dropLast(status))
  }

  private func logTouchpoint(_ summary: String, on dashboard: inout Dashboard) {
    press(&dashboard, .character("t"))
    type(&dashboard, summary)
    press(&dashboard, .enter)
  }

  func testUAsksFirstThenRetractsTheLastTouchpoint() throws {
    let fixture = try BookFixture()
    var dashboard = try fixture.dashboard()
    select("acme", in: &dashboard)
    logTouchpoint("Renewal talk about the pricing of seats", on: &dashboard)
    let touch = try XCTUnwrap(try fixture.records().last)
    XCTAssertEqual(touch.type, "touchpoint.logged")
    let before = try fixture.records().count

    press(&dashboard, .character("U"))
    XCTAssertEqual(dashboard.keyContext, .confirm)
    XCTAssertEqual(try fixture.records().count, before, "nothing written before the answer")
    let question = "undo touchpoint #\(touch.seq) on Acme Corporation (call, 'Renewal talk about the …')?"
    let status = statusText(dashboard)
    XCTAssertTrue(status.contains(question), status)
    XCTAssertTrue(status.contains("y yes · n no"), status)
    // Keys other than the answers do nothing while it asks.
    press(&dashboard, .character("t"), .character("q"))
    XCTAssertEqual(dashboard.keyContext, .confirm)
    XCTAssertNil(dashboard.state.form)

    press(&dashboard, .character("y"))
    let all = try fixture.records()
    XCTAssertEqual(all.count, before + 1)
    let retraction = try XCTUnwrap(all.last)
    XCTAssertEqual(retraction.type, "entry.retracted")
    XCTAssertEqual(retraction.data["target"], .number(Double(touch.seq)))
    XCTAssertEqual(retraction.data["reason"], .string("undone"))
    XCTAssertEqual(retraction.recordedBy, "ana")
    XCTAssertEqual(dashboard.keyContext, .accountList)
    XCTAssertTrue(dashboard.state.message?.hasPrefix("undone: touchpoint #\(touch.seq) on Acme Corporation") == true)
    XCTAssertEqual(dashboard.state.message?.hasSuffix("retracted as #\(retraction.seq)"), true)
    XCTAssertEqual(dashboard.selection?.account.slug, "acme")
    let lines = body(dashboard, rows: 40, columns: 120)
    XCTAssertFalse(lines.contains { $0.contains("Renewal talk") }, "\(lines)")

    // Nothing of this session is left to undo; the fixture's older touchpoint is not this session's.
    press(&dashboard, .character("U"))
    XCTAssertNil(dashboard.state.modal)
    XCTAssertEqual(
      dashboard.state.message,
      "nothing to undo: what you saved in this dashboard is already undone or cannot be (owner, stage)")
    XCTAssertEqual(try fixture.records().count, before + 1)
  }

  func testNoKeepsTheEntryAndAgainWalksBackThroughThisSessionsSaves() throws {
    let fixture = try BookFixture()
    var dashboard = try fixture.dashboard()
    select("acme", in: &dashboard)
    logTouchpoint("First call", on: &dashboard)
    let first = try XCTUnwrap(try fixture.records().last).seq
    logTouchpoint("Second call", on: &dashboard)
    let second = try XCTUnwrap(try fixture.records().last).seq
    let before = try fixture.records().count

    press(&dashboard, .character("U"))
    XCTAssertTrue(statusText(dashboard).contains("#\(second)"))
    press(&dashboard, .character("n"))
    XCTAssertNil(dashboard.state.modal)
    XCTAssertEqual(dashboard.state.message, "kept")
    press(&dashboard, .character("U"), .escape)
    XCTAssertEqual(try fixture.records().count, before, "no and Esc write nothing")

    press(&dashboard, .character("U"), .character("y"))
    press(&dashboard, .character("U"))
    XCTAssertTrue(statusText(dashboard).contains("undo touchpoint #\(first) on Acme"), statusText(dashboard))
    press(&dashboard, .character("y"))
    let targets = try fixture.records().filter { $0.type == "entry.retracted" }.map { $0.data["target"] }
    XCTAssertEqual(targets, [.number(Double(second)), .number(Double(first))])
  }

  func testUVoidsAnAccountAddedByMistakeAndFreesItsId() throws {
    let fixture = try BookFixture()
    var dashboard = try fixture.dashboard()
    press(&dashboard, .character("a"))
    type(&dashboard, "send qbr deck next week")
    press(&dashboard, .enter)
    let added = try XCTUnwrap(try fixture.records().last)
    XCTAssertEqual(added.type, "account.created")
    XCTAssertEqual(added.account, "send-qbr-deck-next-week")

    press(&dashboard, .character("U"))
    let status = statusText(dashboard)
    XCTAssertTrue(
      status.contains("undo adding account send-qbr-deck-next-week #\(added.seq) ('send qbr deck next week')?"), status)
    XCTAssertTrue(status.contains("it is voided: out of every list, its id free"), status)
    press(&dashboard, .character("y"))
    let void = try XCTUnwrap(try fixture.records().last)
    XCTAssertEqual(void.type, "account.voided")
    XCTAssertEqual(void.account, "send-qbr-deck-next-week")
    XCTAssertEqual(void.data["reason"], .string("undone"))
    XCTAssertFalse(dashboard.rows.contains { $0.account.slug == "send-qbr-deck-next-week" })
    XCTAssertEqual(
      dashboard.state.message,
      "undone: account send-qbr-deck-next-week #\(added.seq) ('send qbr deck next week') voided as #\(void.seq);"
        + " its id is free again")
    XCTAssertFalse(body(dashboard).contains { $0.contains("send qbr deck") }, "\(body(dashboard))")

    // The id is free: the same name gives the same id, a new account.
    press(&dashboard, .character("a"))
    type(&dashboard, "send qbr deck next week")
    press(&dashboard, .enter)
    let again = try XCTUnwrap(try fixture.records().last)
    XCTAssertEqual(again.type, "account.created")
    XCTAssertEqual(again.account, "send-qbr-deck-next-week")
    XCTAssertEqual(dashboard.selection?.account.slug, "send-qbr-deck-next-week")
  }

  func testUNeverUndoesAnotherUsersEntry() throws {
    let fixture = try BookFixture()
    var dashboard = try fixture.dashboard()
    select("acme", in: &dashboard)
    logTouchpoint("Mine", on: &dashboard)
    let mine = try XCTUnwrap(try fixture.records().last).seq
    // bo, in another process, logs a touchpoint after it; the dashboard follows.
    var other = try Desk.open(Journal(path: fixture.path), user: "bo")
    try other.perform(.logTouchpoint(slug: "acme", TouchpointInput(kind: .email, date: fixture.today, summary: "His")))
    _ = dashboard.poll()

    press(&dashboard, .character("U"))
    XCTAssertTrue(statusText(dashboard).contains("undo touchpoint #\(mine) on Acme"), statusText(dashboard))
    press(&dashboard, .character("y"))
    press(&dashboard, .character("U"))
    XCTAssertNil(dashboard.state.modal, "bo's touchpoint is not offered")
    XCTAssertTrue(dashboard.state.message?.hasPrefix("nothing to undo") == true)
    let retracted = try fixture.records().filter { $0.type == "entry.retracted" }.map { $0.data["target"] }
    XCTAssertEqual(retracted, [.number(Double(mine))])
  }

  func testAnEntryRetractedMeanwhileIsRefusedWithTheReason() throws {
    let fixture = try BookFixture()
    var dashboard = try fixture.dashboard()
    select("acme", in: &dashboard)
    logTouchpoint("Twice", on: &dashboard)
    let seq = try XCTUnwrap(try fixture.records().last).seq
    press(&dashboard, .character("U"))
    var other = try Desk.open(Journal(path: fixture.path), user: "ana")
    try other.perform(.retract(seq: seq, reason: "from the command line"))
    press(&dashboard, .character("y"))
    XCTAssertEqual(
      dashboard.state.message,
      "cannot undo touchpoint #\(seq) on Acme Corporation (call, 'Twice'): entry \(seq) is already retracted")
  }

  func testNothingToUndoAndReadOnlySayWhy() throws {
    let fixture = try BookFixture()
    var dashboard = try fixture.dashboard()
    press(&dashboard, .character("U"))
    XCTAssertNil(dashboard.state.modal)
    XCTAssertEqual(
      dashboard.state.message,
      "nothing to undo: U undoes what you save in this dashboard, and you have saved nothing yet")

    var readOnly = try fixture.dashboard(readOnly: true)
    press(&readOnly, .character("U"))
    XCTAssertNil(readOnly.state.modal)
    XCTAssertEqual(readOnly.state.message, "read-only, cannot undo: opened read-only or the journal is not writable")
  }
}
