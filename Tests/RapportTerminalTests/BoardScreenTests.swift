import Foundation
import RapportDomain
import RapportJournal
import XCTest

@testable import RapportTerminal

/// The board: accounts as tiles in R, Y, G and ? columns by owner or tier, a cursor that follows its
/// account, Enter opening it, and "worse since last week" in words.
final class BoardScreenTests: XCTestCase {
  /// Six accounts, created in June, seen on 2026-11-23 (owner: tiles by column):
  /// (no owner): middling Y, future ?;  ana: quiet R, falling R, plain Y, steady G.
  /// `falling` got worse this week: its usage fell 36 % and its last call is now 35 days old.
  final class BoardFixture {
    let fixture: EmptyBook
    var today: Day { fixture.today }

    init() throws {
      fixture = try EmptyBook()
      let june = Day(iso: "2026-06-01")!
      var desk = try Desk.open(Journal(path: fixture.path), user: "ana")
      func perform(_ command: Command, on day: Day) throws {
        try desk.perform(command, in: Context(now: .now(), today: day, user: "ana"))
      }
      func add(_ slug: String, _ name: String, owner: String?, tier: Int, on day: Day = june) throws {
        try perform(
          .addAccount(
            slug: slug,
            profile: AccountProfile(
              name: name, tier: tier, stage: .growth, owner: owner, signed: day, renewal: today.adding(days: 200))),
          on: day)
      }
      func call(_ slug: String, daysAgo: Int) throws {
        let day = today.adding(days: -daysAgo)
        try perform(.logTouchpoint(slug: slug, TouchpointInput(kind: .call, date: day, summary: "call")), on: day)
      }
      func usage(_ slug: String, _ value: Double, daysAgo: Int) throws {
        let day = today.adding(days: -daysAgo)
        try perform(.recordUsage(slug: slug, value: value, date: day), on: day)
      }
      try add("quiet", "Quiet Corp", owner: "ana", tier: 1)
      try add("falling", "Falling Star", owner: "ana", tier: 3)
      try call("falling", daysAgo: 35)
      try usage("falling", 100, daysAgo: 50)
      try usage("falling", 64, daysAgo: 3)
      try add("plain", "Plain Ltd", owner: "ana", tier: 3)
      try call("plain", daysAgo: 1)
      try add("steady", "Steady Co", owner: "ana", tier: 3)
      try call("steady", daysAgo: 2)
      try usage("steady", 100, daysAgo: 40)
      try usage("steady", 100, daysAgo: 2)
      try perform(.recordNPS(slug: "steady", score: 9, contact: nil, comment: nil, date: today), on: today)
      try add("middling", "Middling Inc", owner: nil, tier: 2)
      try call("middling", daysAgo: 1)
      // Created after today: nothing is known of it yet.
      try add("future", "Future Ltd", owner: nil, tier: 1, on: today.adding(days: 5))
    }

    func dashboard() throws -> Dashboard { try fixture.dashboard() }
  }

  private func board(_ fixture: BoardFixture) throws -> Dashboard {
    var dashboard = try fixture.dashboard()
    press(&dashboard, .character("b"))
    XCTAssertEqual(dashboard.state.screen, .board)
    return dashboard
  }

  func testTilesStandInTheirColumnsWithCountsLettersAndColours() throws {
    let fixture = try BoardFixture()
    let dashboard = try board(fixture)
    let canvas = render(dashboard)
    let lines = canvas.lines
    let text = lines.joined(separator: "\n")
    // Four columns of 19 at 80 columns, a blank between them: R at 0, Y at 20, G at 40, ? at 60.
    func column(_ text: String, in line: String) -> Int? {
      line.range(of: text).map { line.distance(from: line.startIndex, to: $0.lowerBound) }
    }
    let header = try XCTUnwrap(lines.first { $0.hasPrefix("R red 2") }, text)
    XCTAssertEqual(column("Y yellow 2", in: header), 20, header)
    XCTAssertEqual(column("G green 1", in: header), 40, header)
    XCTAssertEqual(column("? no data 1", in: header), 60, header)
    XCTAssertTrue(lines.contains("(no owner)  2 accounts: 0 R · 1 Y · 0 G · 1 ?"), text)
    XCTAssertTrue(lines.contains { $0.hasPrefix("ana  4 accounts: 2 R · 1 Y · 1 G · 0 ?, 1 worse") }, text)
    let middling = try XCTUnwrap(lines.first { $0.contains("Middling Inc") }, text)
    XCTAssertEqual(column(" Y Middling Inc", in: middling), 20, middling)
    XCTAssertEqual(column(" ? Future Ltd", in: middling), 60, middling)
    // The cursor starts on the first tile.
    let quiet = try XCTUnwrap(lines.firstIndex { $0.hasPrefix("▶R Quiet Corp") }, text)
    XCTAssertEqual(column(" Y Plain Ltd", in: lines[quiet]), 20, lines[quiet])
    XCTAssertEqual(column(" G Steady Co", in: lines[quiet]), 40, lines[quiet])
    XCTAssertTrue(lines[quiet + 1].hasPrefix(" R Falling Star   ↓"), lines[quiet + 1])
    // Wider, the tiles show the scores too.
    let wide = render(dashboard, rows: 40, columns: 120).lines
    XCTAssertTrue(wide.contains { $0.hasPrefix("▶R   0 Quiet Corp") && $0.contains(" G 100 Steady Co") }, "\(wide)")
    // The letter carries the health's colour; the letter alone reads without colour.
    XCTAssertEqual(canvas[quiet + 1, 1].text, "R")
    XCTAssertEqual(canvas[quiet + 1, 1].style, dashboard.theme[.healthRed])
    XCTAssertEqual(canvas[quiet, 41].style, dashboard.theme[.healthGreen])
  }

  func testTheCursorMovesBetweenTilesColumnsAndGroups() throws {
    let fixture = try BoardFixture()
    var dashboard = try board(fixture)
    func selected() -> String? { dashboard.state.board.selected }
    XCTAssertEqual(selected(), "quiet")
    press(&dashboard, .character("j"))
    XCTAssertEqual(selected(), "falling")
    press(&dashboard, .down)
    XCTAssertEqual(selected(), "falling", "nothing below in the R column")
    press(&dashboard, .character("h"))
    XCTAssertEqual(selected(), "falling", "nothing left of R")
    press(&dashboard, .character("l"))
    XCTAssertEqual(selected(), "plain", "the Y column, at the last row it has")
    press(&dashboard, .character("k"))
    XCTAssertEqual(selected(), "middling", "up into the group above, same column")
    press(&dashboard, .right)
    XCTAssertEqual(selected(), "future", "G is empty in that group: on to ?")
    press(&dashboard, .left, .character("j"), .character("l"))
    XCTAssertEqual(selected(), "steady")
    press(&dashboard, .home)
    XCTAssertEqual(selected(), "steady", "the first tile of the G column")
    press(&dashboard, .character("h"), .character("h"), .character("G"))
    XCTAssertEqual(selected(), "falling", "the last tile of the R column")
    press(&dashboard, .pageUp)
    XCTAssertEqual(selected(), "quiet")
    press(&dashboard, .pageDown)
    XCTAssertEqual(selected(), "falling")
    // By tier the cursor stays on its account.
    press(&dashboard, .character("o"))
    XCTAssertEqual(selected(), "falling")
    let lines = render(dashboard).lines
    XCTAssertTrue(lines.contains { $0.hasPrefix("tier 3  3 accounts") }, "\(lines)")
    XCTAssertTrue(lines.contains { $0.hasPrefix("▶R Falling Star") }, "\(lines)")
  }

  func testEnterOpensTheAccountInTheListWithItsDetail() throws {
    let fixture = try BoardFixture()
    var dashboard = try fixture.dashboard()
    // A filter that hides the account is cleared.
    select("steady", in: &dashboard)
    press(&dashboard, .character("b"), .character("j"), .enter)
    XCTAssertEqual(dashboard.state.screen, .main)
    XCTAssertEqual(dashboard.selection?.account.slug, "falling")
    XCTAssertEqual(dashboard.state.accounts.filter, "")
    XCTAssertTrue(dashboard.state.accounts.isDetailOpen)
    XCTAssertEqual(dashboard.keyContext, .accountDetail)
    let lines = render(dashboard).lines
    XCTAssertTrue(lines.contains { $0.contains("Falling Star") && $0.contains("(falling)") }, "\(lines)")
    // Back on the board, the cursor is where it was.
    press(&dashboard, .character("b"))
    XCTAssertEqual(dashboard.state.board.selected, "falling")
  }

  func testWorseSinceLastWeekIsSaidInWords() throws {
    let fixture = try BoardFixture()
    var dashboard = try board(fixture)
    var lines = render(dashboard).lines
    XCTAssertTrue(lines[1].contains("6 accounts, 1 worse since last week"), lines[1])
    XCTAssertTrue(lines[3].contains("steady since last week"), lines[3])
    press(&dashboard, .character("j"))
    lines = render(dashboard).lines
    XCTAssertTrue(lines[2].hasPrefix("▶ Falling Star (falling) · ana · tier 3 · R 25 ↓-75"), lines[2])
    XCTAssertEqual(
      lines[3].trimmingCharacters(in: .whitespaces),
      "worse since last week: usage down 36 %; no contact for 35 days")
    XCTAssertFalse(lines.joined().contains("100 →"), "no sub-scores")
  }

  func testTheCursorStaysOnItsAccountWhenAnotherWriterAppends() throws {
    let fixture = try BoardFixture()
    var dashboard = try board(fixture)
    press(&dashboard, .character("j"))
    XCTAssertEqual(dashboard.state.board.place, BoardPlace(group: 1, column: 0, row: 1))
    // Another writer adds a red account of ana's that comes first in the R column.
    var other = try Desk.open(Journal(path: fixture.fixture.path), user: "bo")
    try other.perform(
      .addAccount(
        slug: "abandoned",
        profile: AccountProfile(
          name: "Abandoned Ltd", tier: 1, stage: .growth, owner: "ana", signed: Day(iso: "2026-01-05"),
          renewal: fixture.today.adding(days: 90))))
    XCTAssertTrue(dashboard.poll())
    XCTAssertEqual(dashboard.state.board.selected, "falling")
    XCTAssertEqual(dashboard.state.board.place, BoardPlace(group: 1, column: 0, row: 2))
    let lines = render(dashboard).lines
    XCTAssertTrue(lines.contains { $0.hasPrefix("▶R Falling Star") }, "\(lines)")
    XCTAssertTrue(lines.contains { $0.hasPrefix(" R Abandoned Ltd") }, "\(lines)")
    // Handed to bo, it moves to bo's group: the cursor goes with it.
    try other.perform(.assignOwner(slug: "falling", owner: "bo"))
    XCTAssertTrue(dashboard.poll())
    XCTAssertEqual(dashboard.state.board.selected, "falling")
    XCTAssertEqual(dashboard.state.board.place.group, 2)
  }

  func testTenThousandTilesScrollAtTheMinimumSize() throws {
    let fixture = try EmptyBook()
    var desk = try Desk.open(Journal(path: fixture.path), user: "ana")
    for index in 0..<300 {
      try desk.perform(
        .addAccount(
          slug: "a\(index)", profile: AccountProfile(name: "Account \(index)", tier: 1 + index % 3, owner: "ana")))
    }
    var dashboard = try fixture.dashboard()
    press(&dashboard, .character("b"))
    for _ in 0..<40 { press(&dashboard, .character("j")) }
    let lines = render(dashboard).lines
    // The cursor's tile shows, and the page scrolled under the fixed header lines.
    XCTAssertTrue(lines.contains { $0.contains("▶Y") }, "\(lines)")
    XCTAssertTrue(lines[4].hasPrefix("R red 0"), lines[4])
    XCTAssertFalse(lines.contains { $0.hasPrefix("ana  300 accounts") }, "scrolled past the heading")
    press(&dashboard, .pageDown, .pageDown, .end)
    XCTAssertEqual(dashboard.state.board.place.row, 299)
    XCTAssertTrue(render(dashboard).lines.contains { $0.contains("▶Y") })
  }
}

/// An empty journal in a fresh temporary directory, seen on `BookFixture.today`.
final class EmptyBook {
  let directory: String
  let path: String
  let today = BookFixture.today

  init() throws {
    directory = NSTemporaryDirectory() + "rapport-board-\(UUID().uuidString)"
    try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
    path = directory + "/book.jsonl"
    _ = try Journal.create(at: path, by: "ana")
  }

  func dashboard(user: String = "ana") throws -> Dashboard {
    Dashboard(desk: try Desk.open(Journal(path: path), user: user), today: today)
  }

  deinit { try? FileManager.default.removeItem(atPath: directory) }
}
