import Foundation
import Glibc
import RapportDomain
import RapportJournal
import RapportTestSupport
import XCTest

/// `Desk.perform(batch:)` and `perform(planning:)` on a real journal: each command validated against the
/// book as the ones before it left it, one batch written, or nothing.
final class DeskBatchTests: XCTestCase {
  private var directory = ""

  override func setUpWithError() throws {
    try super.setUpWithError()
    directory = try TemporaryFolder.make("rapport-exchange-tests")
  }

  override func tearDownWithError() throws {
    TemporaryFolder.remove(directory)
    try super.tearDownWithError()
  }

  private func journal() throws -> Journal { try Journal.create(at: directory + "/book.jsonl", by: "ana") }

  private func bytes(_ journal: Journal) -> Data { FileManager.default.contents(atPath: journal.path) ?? Data() }

  func testLaterCommandsSeeEarlierOnesAndOneBatchIsWritten() throws {
    let journal = try journal()
    var desk = try Desk.open(journal, user: "ana")
    let outcome = try desk.perform(batch: [
      .addAccount(slug: "acme", profile: AccountProfile(name: "Acme", tier: 1)),
      .recordUsage(slug: "acme", value: 5, date: day("2026-11-01")),
      .openTicket(slug: "acme", ticket: "T1", severity: .high, date: day("2026-11-02")),
      .closeTicket(slug: "acme", ticket: "T1", date: day("2026-11-03")),
    ])
    XCTAssertEqual(outcome.records.map(\.seq), [2, 3, 4, 5])
    XCTAssertEqual(outcome.records.map { $0.batch?.index }, [1, 2, 3, 4])
    XCTAssertEqual(outcome.records.map { $0.batch?.size }, [4, 4, 4, 4])
    let reopened = try Desk.open(journal, user: "bo")
    XCTAssertEqual(reopened.book.accounts["acme"]?.usage.count, 1)
    XCTAssertEqual(reopened.book.accounts["acme"]?.tickets.first?.isOpen, false)
    XCTAssertEqual(reopened.book.allAccounts, desk.book.allAccounts, "what the desk holds is what the file folds to")
    XCTAssertEqual(desk.position, outcome.end)
  }

  func testOneRefusedCommandWritesNothingAndEveryRefusalIsNamed() throws {
    let journal = try journal()
    var desk = try Desk.open(journal, user: "ana")
    let before = bytes(journal)
    XCTAssertThrowsError(
      try desk.perform(batch: [
        .addAccount(slug: "acme", profile: AccountProfile(name: "Acme", tier: 1)),
        .recordUsage(slug: "nobody", value: 5, date: day("2026-11-01")),
        .recordNPS(slug: "acme", score: 11, contact: nil, comment: nil, date: day("2026-11-01")),
        .addAccount(slug: "acme", profile: AccountProfile(name: "Acme again", tier: 1)),
      ])
    ) { error in
      XCTAssertEqual(
        (error as? BatchRefused)?.refusals,
        [
          BatchRefusal(index: 1, error: .unknownAccount("nobody")),
          BatchRefusal(index: 2, error: .invalidValue(field: "score", value: "11", expected: "0 to 10")),
          BatchRefusal(index: 3, error: .duplicateAccount("acme")),
        ])
    }
    XCTAssertEqual(bytes(journal), before, "not a byte written")
    XCTAssertTrue(desk.book.accounts.isEmpty, "the desk's book is untouched")
  }

  func testPlanningRunsUnderTheLockAgainstTheLatestBook() throws {
    let journal = try journal()
    var mine = try Desk.open(journal, user: "ana")
    var theirs = try Desk.open(journal, user: "bo")
    try theirs.perform(.addAccount(slug: "acme", profile: AccountProfile(name: "Acme", tier: 1)))
    var seen: [String] = []
    try mine.perform(planning: { book in
      seen = book.slugs
      return [.recordUsage(slug: "acme", value: 1, date: day("2026-11-01"))]
    })
    XCTAssertEqual(seen, ["acme"], "the plan saw the other writer's account")
    XCTAssertEqual(mine.book.accounts["acme"]?.usage.count, 1)
  }

  func testAnEmptyBatchWritesNothing() throws {
    let journal = try journal()
    var desk = try Desk.open(journal, user: "ana")
    let before = bytes(journal)
    let outcome = try desk.perform(batch: [])
    XCTAssertEqual(outcome.records.count, 0)
    XCTAssertEqual(bytes(journal), before)
  }

  func testCommandBatchAloneValidatesWithoutWriting() {
    let batch = CommandBatch(
      [
        .addAccount(slug: "acme", profile: AccountProfile(name: "Acme", tier: 1)),
        .logTouchpoint(
          slug: "acme",
          TouchpointInput(
            kind: .call, date: day("2026-11-01"), summary: "Hi",
            followUp: .init(text: "Send deck", due: day("2026-11-03")))),
        .completeTask(id: 3, date: day("2026-11-02")),
      ], in: Book(), context: testContext)
    XCTAssertEqual(batch.refusals, [])
    XCTAssertEqual(batch.draftRanges, [0..<1, 1..<3, 3..<4])
    XCTAssertEqual(batch.book.tasks[3]?.isDone, true, "the task made by command 2 is numbered by its place")
  }
}
