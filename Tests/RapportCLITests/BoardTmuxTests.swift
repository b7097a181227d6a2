import Foundation
import Glibc
import RapportTestSupport
import XCTest

/// The board in a real terminal: the demo's accounts as tiles in R, Y, G and ? columns, a cursor, and
/// Enter opening the account under it.
final class BoardTmuxTests: TmuxTestCase {
  func testBoardTilesWithACursorAndEnterOpensTheAccount() throws {
    _ = try writeDemo()
    try openDashboard(columns: 80, rows: 24)
    try send("b")
    let board = try waitForPane("the board") { $0.contains("Board by owner") }
    // The columns, each headed by its letter and count, and a cursor on a tile.
    for header in ["R red ", "Y yellow ", "G green "] { XCTAssertTrue(board.contains(header), board) }
    XCTAssertTrue(board.split(separator: "\n").contains { $0.hasPrefix("▶R ") || $0.hasPrefix("▶Y ") }, board)
    // One tile down, then Enter: the selected account's id, as the board names it.
    try send("j")
    let moved = try waitForPane("the cursor") { $0 != board }
    let selected = try XCTUnwrap(
      moved.split(separator: "\n").first { $0.hasPrefix("▶ ") }.flatMap { line in
        line.range(of: #"\(([a-z0-9-]+)\)"#, options: .regularExpression).map {
          String(line[$0].dropFirst().dropLast())
        }
      }, moved)
    try press("Enter")
    let detail = try waitForPane("the account's detail") { !$0.contains("Board by") && $0.contains("(\(selected))") }
    XCTAssertTrue(detail.contains("j/k entry"), "the detail has the keys: \(detail)")
    // Back on the board, the cursor is still on that account.
    try send("b")
    let again = try waitForPane("the board again") { $0.contains("Board by owner") }
    XCTAssertTrue(again.contains("▶ ") && again.contains("(\(selected))"), again)
    try quit()
  }
}
