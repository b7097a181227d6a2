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

  /// The rows keep no plays and no readings but the fallen measures' (a viewer keeps them as long as it
  /// is open); the detail and the due lists still have every play, before and after an update.
  func testTheRowsKeepNoPlaysYetTheDetailAndTheDueListsHaveThemAll() throws {
    let fixture = try BookFixture()
    var desk = try Desk.open(Journal(path: fixture.path), user: "ana")
    var projection = Projection(
      book: desk.book, at: desk.position.lastSeq, today: fixture.today, user: "ana", filter: "")
    let everyPlay = { (book: Book) in
      Set(Assessor(book: book, today: fixture.today).board().flatMap(\.plays).map { "\($0)" })
    }
    XCTAssertTrue(projection.rows.allSatisfy(\.plays.isEmpty))
    XCTAssertTrue(
      projection.rows.allSatisfy { row in row.health.readings.allSatisfy { row.trend.fallen.contains($0.measure) } })
    let acme = try XCTUnwrap(projection.row(of: "acme"))
    let whole = Assessor(book: desk.book, today: fixture.today).assess(try desk.book.account("acme"))
    XCTAssertFalse(whole.plays.isEmpty)
    XCTAssertEqual(projection.detail(of: acme, book: desk.book), whole)
    projection.prepareDue(book: desk.book)
    XCTAssertEqual(Set(projection.due.everyone.map { "\($0)" }), everyPlay(desk.book))

    let saved = try desk.perform(
      .addTask(slug: "acme", text: "Send the deck", due: fixture.today.adding(days: 2), owner: "ana"))
    _ = projection.absorb(
      Projection.changes(of: saved.records, in: desk.book), book: desk.book, at: desk.position.lastSeq)
    projection.prepareDue(book: desk.book)
    XCTAssertEqual(Set(projection.due.everyone.map { "\($0)" }), everyPlay(desk.book))
    XCTAssertTrue(projection.due.everyone.contains { $0.title.contains("Send the deck") })
    let updated = try XCTUnwrap(projection.row(of: "acme"))
    XCTAssertTrue(projection.detail(of: updated, book: desk.book).plays.contains { $0.title.contains("Send the deck") })
  }
}
