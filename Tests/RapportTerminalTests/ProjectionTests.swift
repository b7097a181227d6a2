import RapportDomain
import RapportJournal
import XCTest

@testable import RapportTerminal

/// The read model: one list order, kept by the incremental update as by a fresh build.
final class ProjectionTests: XCTestCase {
  private func isSorted(_ rows: [Assessment]) -> Bool {
    zip(rows, rows.dropFirst()).allSatisfy { !Projection.listOrder($1, $0) }
  }

  func testTheListOrderHoldsAfterABuildAndAfterUpdates() throws {
    let fixture = try BookFixture()
    var desk = try Desk.open(Journal(path: fixture.path), user: "ana")
    var projection = Projection(
      book: desk.book, at: desk.position.lastSeq, today: fixture.today, user: "ana", filter: "")
    XCTAssertTrue(isSorted(projection.rows))
    XCTAssertEqual(projection.rows.first?.account.slug, "globex", "unowned first")

    // A save through the same path as others' appends: Changes from its records.
    let saved = try desk.perform(.assignOwner(slug: "globex", owner: "bo", date: fixture.today))
    let changes = Projection.changes(of: saved.records, in: desk.book)
    XCTAssertEqual(changes.accounts, ["globex"])
    XCTAssertTrue(projection.absorb(changes, book: desk.book, at: desk.position.lastSeq))
    XCTAssertTrue(isSorted(projection.rows))
    let fresh = Projection(book: desk.book, at: desk.position.lastSeq, today: fixture.today, user: "ana", filter: "")
    XCTAssertEqual(projection.rows, fresh.rows)
    XCTAssertFalse(
      projection.absorb(Desk.Changes(records: 0, accounts: []), book: desk.book, at: desk.position.lastSeq),
      "nothing new: nothing changes")
  }

  func testTheFilterIsKeptAcrossChanges() throws {
    let fixture = try BookFixture()
    var desk = try Desk.open(Journal(path: fixture.path), user: "ana")
    var projection = Projection(
      book: desk.book, at: desk.position.lastSeq, today: fixture.today, user: "ana", filter: "")
    projection.filter("ACME")
    XCTAssertEqual(projection.visible.map { projection.rows[$0].account.slug }, ["acme"])
    let saved = try desk.perform(
      .logTouchpoint(slug: "acme", TouchpointInput(kind: .call, date: fixture.today, summary: "Check-in")))
    _ = projection.absorb(
      Projection.changes(of: saved.records, in: desk.book), book: desk.book, at: desk.position.lastSeq)
    XCTAssertEqual(projection.visible.map { projection.rows[$0].account.slug }, ["acme"])
  }
}
