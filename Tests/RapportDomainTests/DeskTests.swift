import Foundation
import Glibc
import RapportDomain
import RapportJournal
import RapportTestSupport
import XCTest

/// Desks on a real journal file: commands validated under the lock against the latest state.
final class DeskTests: XCTestCase {
  private var directory = ""
  let monday = day("2026-11-23")

  override func setUpWithError() throws {
    try super.setUpWithError()
    directory = try TemporaryFolder.make("rapport-domain-tests")
  }

  override func tearDownWithError() throws {
    TemporaryFolder.remove(directory)
    try super.tearDownWithError()
  }

  private func makeJournal() throws -> Journal { try Journal.create(at: directory + "/book.jsonl", by: "ana") }

  private func addAcme() -> Command {
    .addAccount(slug: "acme", profile: AccountProfile(name: "Acme Corp", tier: 1, owner: "ana"))
  }

  func testOpenFoldsTheWholeJournal() throws {
    let journal = try makeJournal()
    var desk = try Desk.open(journal, user: "ana")
    XCTAssertNotNil(desk.book.journalID)
    XCTAssertEqual(desk.book.lastSeq, 1)
    XCTAssertTrue(desk.book.accounts.isEmpty)
    try desk.perform(addAcme())
    try desk.perform(.logTouchpoint(slug: "acme", TouchpointInput(kind: .call, date: monday, summary: "Kick-off")))
    let reopened = try Desk.open(journal, user: "bo")
    XCTAssertEqual(reopened.book.lastSeq, 3)
    XCTAssertEqual(reopened.book.journalID, desk.book.journalID)
    XCTAssertEqual(reopened.book.allAccounts, desk.book.allAccounts, "the file folds to what the desk holds")
    XCTAssertEqual(reopened.book.anomalies, [])
    XCTAssertTrue(reopened.problems.isEmpty)
    XCTAssertNil(reopened.pendingTail)
  }

  func testPerformReturnsTheSavedRecords() throws {
    let journal = try makeJournal()
    var desk = try Desk.open(journal, user: "ana")
    try desk.perform(addAcme())
    let input = TouchpointInput(
      kind: .call, date: monday, summary: "Pricing", followUp: .init(text: "Send deck", due: monday.adding(days: 2)))
    let outcome = try desk.perform(.logTouchpoint(slug: "acme", input))
    XCTAssertEqual(outcome.records.map(\.type), ["touchpoint.logged", "task.created"])
    XCTAssertEqual(outcome.records.map(\.seq), [3, 4])
    XCTAssertEqual(outcome.records.map(\.recordedBy), ["ana", "ana"])
    XCTAssertEqual(desk.position, outcome.end)
    XCTAssertEqual(desk.book.tasks[4]?.followsTouchpoint, 3)
    XCTAssertEqual(
      try Desk.open(journal, user: "ana").book.tasks[4]?.followsTouchpoint, 3, "the link survives the file")
  }

  func testASecondDeskCatchesUpUnderTheLock() throws {
    let journal = try makeJournal()
    var deskA = try Desk.open(journal, user: "ana")
    var deskB = try Desk.open(journal, user: "bo")
    try deskA.perform(addAcme())
    XCTAssertNil(deskB.book.accounts["acme"], "B has not read A's append yet")

    // B's command depends on A's account: it is validated against the journal's latest state.
    let outcome = try deskB.perform(
      .logTouchpoint(slug: "acme", TouchpointInput(kind: .meeting, date: monday, summary: "From B")))
    XCTAssertEqual(outcome.records.map(\.seq), [3])
    let acme = try deskB.book.account("acme")
    XCTAssertEqual(acme.owner, "ana")
    XCTAssertEqual(acme.touchpoints.map(\.summary), ["From B"])
    XCTAssertEqual(acme.touchpoints.first?.meta.recordedBy, "bo")
    XCTAssertEqual(deskB.book.lastSeq, 3)

    XCTAssertEqual(try deskA.refresh(), 1, "A reads B's one record")
    XCTAssertEqual(try deskA.refresh(), 0, "and nothing more")
    XCTAssertEqual(deskA.book.allAccounts, deskB.book.allAccounts)
    XCTAssertEqual(try deskB.refresh(), 0)
  }

  func testAStaleDeskIsRefusedOnTheLatestState() throws {
    let journal = try makeJournal()
    var deskA = try Desk.open(journal, user: "ana")
    var deskB = try Desk.open(journal, user: "bo")
    try deskA.perform(addAcme())
    XCTAssertThrowsError(try deskB.perform(addAcme())) { error in
      XCTAssertEqual(error as? DomainError, .duplicateAccount("acme"))
    }
    XCTAssertNotNil(deskB.book.accounts["acme"], "the refusal left B caught up")
    try deskA.perform(.openTicket(slug: "acme", ticket: "T-1", severity: .high, date: monday))
    try deskA.perform(.closeTicket(slug: "acme", ticket: "T-1", date: monday))
    XCTAssertThrowsError(try deskB.perform(.closeTicket(slug: "acme", ticket: "T-1", date: monday))) { error in
      XCTAssertEqual(error as? DomainError, .ticketAlreadyClosed(account: "acme", ticket: "T-1"))
    }
    XCTAssertEqual(try Desk.open(journal, user: "cy").book.lastSeq, 4, "refused commands wrote nothing")
  }

  func testRefreshCountsNewRecords() throws {
    let journal = try makeJournal()
    var reader = try Desk.open(journal, user: "ana")
    var writer = try Desk.open(journal, user: "bo")
    XCTAssertEqual(try reader.refresh(), 0)
    try writer.perform(addAcme())
    try writer.perform(.updateAccount(slug: "acme", profile: AccountProfile(stage: .activation, owner: "bo")))
    XCTAssertEqual(try reader.refresh(), 3, "one account.created and a batch of two")
    XCTAssertEqual(try reader.book.account("acme").owner, "bo")
    XCTAssertEqual(try reader.book.account("acme").stage, .activation)
    XCTAssertEqual(try reader.refresh(), 0)
  }

  func testBookAsOfReadsTheWholeJournal() throws {
    let journal = try makeJournal()
    var desk = try Desk.open(journal, user: "ana")
    let today = testToday
    let created = today.adding(days: -400)
    try desk.perform(.addAccount(slug: "acme", profile: AccountProfile(name: "Acme", tier: 1), date: created))
    try desk.perform(
      .logTouchpoint(slug: "acme", TouchpointInput(kind: .call, date: today.adding(days: -300), summary: "Long ago")))
    try desk.perform(
      .logTouchpoint(slug: "acme", TouchpointInput(kind: .call, date: today.adding(days: -20), summary: "Recently")))
    // Cut by business date: the account existed from its own date, the recent call not yet.
    let past = try desk.book(asOf: today.adding(days: -21))
    XCTAssertEqual(try past.account("acme").touchpoints.count, 1)
    let beforeCreation = try desk.book(asOf: created.adding(days: -1))
    XCTAssertTrue(beforeCreation.accounts.isEmpty)
    XCTAssertEqual(beforeCreation.anomalies, [])
  }
}
