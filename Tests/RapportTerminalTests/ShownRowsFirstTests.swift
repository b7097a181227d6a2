import Glibc
import RapportDomain
import RapportJournal
import XCTest

@testable import RapportTerminal

/// The dashboard as the terminal opens it (`shownRowsFirst`): the accounts put in order from their
/// health alone, only the rows on screen assessed wholly before the first frame, the rest in the
/// background. Nothing a user sees may differ from a dashboard that assessed everything first.
final class ShownRowsFirstTests: XCTestCase {
  /// The fixture's five accounts and sixty more of every colour: some unowned, some never touched, some
  /// touched long ago, detractors, usage drops, renewals passed; more than one screen holds.
  private func fixture() throws -> BookFixture {
    let fixture = try BookFixture()
    let today = fixture.today
    var desk = try Desk.open(Journal(path: fixture.path), user: "ana")
    let owners = ["ana", "bo", "cy"]
    for number in 0..<60 {
      let slug = "client-\(number)"
      let renewal = number % 9 == 0 ? today.adding(days: -5) : today.adding(days: 20 + number)
      let profile = AccountProfile(
        name: "Client \(number)", tier: 1 + number % 3, stage: .growth,
        owner: number % 7 == 0 ? nil : owners[number % 3], renewal: renewal)
      try desk.perform(.addAccount(slug: slug, profile: profile, date: today.adding(days: -200)))
      if number % 4 != 3 {
        let date = today.adding(days: -(number * 2 % 50))
        try desk.perform(
          .logTouchpoint(slug: slug, TouchpointInput(kind: .call, date: date, summary: "Call \(number)")))
      }
      if number % 5 == 0 {
        try desk.perform(
          .recordNPS(slug: slug, score: number % 11, contact: nil, comment: nil, date: today.adding(days: -3)))
      }
      if number % 3 == 0 {
        for day in stride(from: 59, through: 0, by: -6) {
          let value = day >= 30 ? 100.0 : Double(100 - number)
          try desk.perform(.recordUsage(slug: slug, value: value, date: today.adding(days: -day)))
        }
      }
    }
    return fixture
  }

  private func opened(_ fixture: BookFixture, shownRowsFirst: Bool) throws -> Dashboard {
    var dashboard = Dashboard(
      desk: try Desk.open(Journal(path: fixture.path), user: "ana"), today: fixture.today,
      shownRowsFirst: shownRowsFirst)
    dashboard.resize(to: TerminalSize(rows: 24, columns: 80))
    return dashboard
  }

  func testTheStandingsOrderTheAccountsAsTheWholeAssessmentsDo() throws {
    let fixture = try fixture()
    let book = try Desk.open(Journal(path: fixture.path), user: "ana").book
    let assessor = Assessor(book: book, today: fixture.today)
    let whole = Dictionary(uniqueKeysWithValues: assessor.board().map { ($0.account.slug, $0) })
    let standings = assessor.standings()
    XCTAssertEqual(standings.count, whole.count)
    XCTAssertTrue(standings.contains { $0.health.health == .red }, "an overdue renewal makes an account red")
    for standing in standings {
      let assessed = try XCTUnwrap(whole[standing.account.slug])
      XCTAssertTrue(Projection.listKey(standing) == Projection.listKey(assessed), standing.account.slug)
      XCTAssertTrue(standing.plays.isEmpty && standing.alerts.isEmpty && standing.health.readings.isEmpty)
    }
  }

  func testTheFirstFrameIsTheOneEverythingAssessedWouldShow() throws {
    let fixture = try fixture()
    let whole = try opened(fixture, shownRowsFirst: false)
    let first = try opened(fixture, shownRowsFirst: true)
    XCTAssertGreaterThan(first.projection.standingsLeft, 0, "the rows off screen wait")
    XCTAssertLessThanOrEqual(
      first.projection.standingsLeft, first.rows.count - first.layout.listHeight, "the rows on screen do not")
    XCTAssertEqual(render(first).lines, render(whole).lines)
  }

  func testAKeySeesEveryRowAssessed() throws {
    let fixture = try fixture()
    var whole = try opened(fixture, shownRowsFirst: false)
    var first = try opened(fixture, shownRowsFirst: true)
    press(&whole, .character("b"))
    press(&first, .character("b"))
    XCTAssertEqual(first.projection.standingsLeft, 0)
    XCTAssertEqual(first.rows, whole.rows)
    XCTAssertEqual(render(first).lines, render(whole).lines, "the board counts every account")
  }

  func testTheBackgroundAssessesTheRestAndAChangeMeanwhileIsKept() throws {
    let fixture = try fixture()
    var first = try opened(fixture, shownRowsFirst: true)
    // Another writer logs a touchpoint on an account far down the list, not on screen.
    var other = try Desk.open(Journal(path: fixture.path), user: "bo")
    let last = try XCTUnwrap(first.rows.last?.account.slug)
    try other.perform(.logTouchpoint(slug: last, TouchpointInput(kind: .call, date: fixture.today, summary: "Late")))
    var polls = 0
    while first.projection.standingsLeft > 0 && polls < 500 {
      _ = first.poll()
      polls += 1
      usleep(10_000)
    }
    XCTAssertEqual(first.projection.standingsLeft, 0, "the background finished within five seconds")
    XCTAssertEqual(first.recordCount, other.position.lastSeq, "the change was read")
    let whole = try opened(fixture, shownRowsFirst: false)
    XCTAssertEqual(first.rows, whole.rows)
    XCTAssertEqual(render(first).lines, render(whole).lines)
  }
}
