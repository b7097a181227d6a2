import Foundation
import RapportDomain
import RapportJournal
import XCTest

/// Corrections and cut books at their edges: state added by later records survives an amendment, an
/// old retracted closing cannot reach its replacement, and a book cut at a date reports no anomalies
/// for what happened after it. (Each was a bug once.)
final class CorrectionEdgeTests: XCTestCase {
  let monday = day("2026-11-23")

  // An amendment rebuilds an entry from its own data; what other records added (a criterion's
  // meeting, a ticket's closing, a task's account, follow-up link and completion) must survive it.

  func testAmendingAMetCriterionKeepsItMet() {
    var ledger = Ledger(today: monday)
    ledger.addAccount()
    let seq = ledger.must(.addCriterion(slug: "acme", text: "SSO live", target: nil))
    ledger.must(.meetCriterion(slug: "acme", number: 1, date: monday))
    ledger.must(.amend(seq: seq, changes: changes(("text", .string("SSO live for all users")))))
    XCTAssertEqual(ledger.account()?.criteria.first?.text, "SSO live for all users")
    XCTAssertEqual(ledger.account()?.criteria.first?.isMet, true, "fixing a typo un-met the criterion")
  }

  func testAmendingAClosedTicketKeepsItClosed() {
    var ledger = Ledger(today: monday)
    ledger.addAccount()
    let seq = ledger.must(.openTicket(slug: "acme", ticket: "T-1", severity: .low, date: monday))
    ledger.must(.closeTicket(slug: "acme", ticket: "T-1", date: monday))
    ledger.must(.amend(seq: seq, changes: changes(("severity", .string("high")))))
    XCTAssertEqual(ledger.account()?.tickets.first?.severity, .high)
    XCTAssertEqual(ledger.account()?.tickets.first?.isOpen, false, "changing the severity reopened the ticket")
  }

  func testAmendingATaskKeepsItsAccountLinkAndCompletion() throws {
    var ledger = Ledger(today: monday)
    ledger.addAccount()
    let input = TouchpointInput(
      kind: .call, date: monday, summary: "x", followUp: .init(text: "Send notes", due: monday))
    let records = try ledger.run(.logTouchpoint(slug: "acme", input))
    let id = records[1].seq
    ledger.must(.completeTask(id: id, date: monday))
    ledger.must(.amend(seq: id, changes: changes(("text", .string("Send the notes")))))
    let task = try XCTUnwrap(ledger.book.tasks[id])
    XCTAssertEqual(task.text, "Send the notes")
    XCTAssertEqual(task.account, "acme", "the task lost its account")
    XCTAssertEqual(task.followsTouchpoint, records[0].seq, "the task lost its touchpoint")
    XCTAssertTrue(task.isDone, "the done task is open again")
  }

  // Book+Corrections.swift `correctionTarget`, `amend` and `retract` resolve `.ticketClosing`,
  // `.criterionMeeting` and `.taskCompletion` to whatever closing / meeting / completion the entry has
  // *now*, not to the record named: once a retracted closing is replaced by a new one, the old seq
  // reaches the new record (retracting it again reopens the ticket; amending it moves the new date).

  func testAnOldRetractedClosingCannotReachTheNewOne() {
    var ledger = Ledger(today: monday)
    ledger.addAccount()
    ledger.must(.openTicket(slug: "acme", ticket: "T-1", severity: .low, date: monday))
    let first = ledger.must(.closeTicket(slug: "acme", ticket: "T-1", date: monday))
    ledger.must(.retract(seq: first, reason: nil))
    ledger.must(.closeTicket(slug: "acme", ticket: "T-1", date: monday.adding(days: 1)))
    XCTAssertEqual(refusal(.retract(seq: first, reason: nil), in: ledger.book), .alreadyRetracted(first))
    XCTAssertNotNil(refusal(.amend(seq: first, changes: changes(("date", .string("2026-11-01")))), in: ledger.book))
  }

  func testAnOldRetractedCriterionMeetingCannotReachTheNewOne() {
    var ledger = Ledger(today: monday)
    ledger.addAccount()
    ledger.must(.addCriterion(slug: "acme", text: "SSO live", target: nil))
    let first = ledger.must(.meetCriterion(slug: "acme", number: 1, date: monday))
    ledger.must(.retract(seq: first, reason: nil))
    ledger.must(.meetCriterion(slug: "acme", number: 1, date: monday.adding(days: 1)))
    XCTAssertEqual(refusal(.retract(seq: first, reason: nil), in: ledger.book), .alreadyRetracted(first))
  }

  // Book.swift `apply(_:)`: as of a past day, only `.unknownAccount` is treated as "not there yet";
  // corrections (always kept) of entries dated after the cutoff, and backdated `criterion.met` /
  // `task.completed` / `ticket.closed` whose entry was recorded after the cutoff, become anomalies,
  // though the journal is sound ("a sound journal written by Rapport has none").

  func testAsOfRetractionOfALaterEntryIsNoAnomaly() {
    var ledger = Ledger(today: day("2026-11-01"))
    ledger.addAccount()
    ledger.today = day("2026-11-20")
    let tp = ledger.touch(.call, on: day("2026-11-20"))
    ledger.must(.retract(seq: tp, reason: nil))
    XCTAssertEqual(Book.fold(ledger.records, asOf: day("2026-11-10")).anomalies, [])
  }

  func testAsOfBackdatedCriterionMetIsNoAnomaly() {
    var ledger = Ledger(today: day("2026-11-01"))
    ledger.addAccount()
    ledger.today = day("2026-11-20")
    ledger.must(.addCriterion(slug: "acme", text: "SSO", target: nil))
    ledger.must(.meetCriterion(slug: "acme", number: 1, date: day("2026-11-05")))
    XCTAssertEqual(Book.fold(ledger.records, asOf: day("2026-11-10")).anomalies, [])
  }

  // Book.swift `effectiveDay(of:)` takes `data.date`, which for `qbr.scheduled` is the day the QBR will
  // be held, not a day something happened: as of any day between scheduling and the QBR, the book does
  // not know the QBR was scheduled (so "send agenda" cannot be due as of last week). Product call.

  func testAsOfKnowsAQBRScheduledBeforeTheCutoff() {
    var ledger = Ledger(today: day("2026-11-10"))
    ledger.addAccount()
    ledger.must(.scheduleQBR(slug: "acme", date: day("2026-12-01")))
    let past = Book.fold(ledger.records, asOf: day("2026-11-20"))
    XCTAssertEqual(past.accounts["acme"]?.qbrs.map(\.date), [day("2026-12-01")])
  }
}
