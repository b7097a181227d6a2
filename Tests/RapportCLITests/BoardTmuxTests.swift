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
    // Each wait is for the whole of what is checked: a pane read while the screen is being redrawn
    // shows the new title over the old screen's lines.
    // The columns, each headed by its letter and count, a cursor on a column's first tile, and the line
    // that names the tile under the cursor.
    let board = try waitForPane("the board, its columns and its cursor") { screen in
      screen.contains("Board by owner") && ["R red ", "Y yellow ", "G green "].allSatisfy { screen.contains($0) }
        && screen.split(separator: "\n").contains { $0.hasPrefix("▶R ") || $0.hasPrefix("▶Y ") }
        && Self.selectedAccount(in: screen) != nil
    }
    let first = try XCTUnwrap(Self.selectedAccount(in: board), board)
    // One tile down, then Enter: the selected account's id, as the board names it.
    try send("j")
    let moved = try waitForPane("the cursor on the next tile") {
      Self.selectedAccount(in: $0).map { $0 != first } ?? false
    }
    let selected = try XCTUnwrap(Self.selectedAccount(in: moved), moved)
    try press("Enter")
    _ = try waitForPane("the account's detail, with its keys") {
      !$0.contains("Board by") && $0.contains("(\(selected))") && $0.contains("j/k entry")
    }
    // Back on the board, the cursor is still on that account.
    try send("b")
    _ = try waitForPane("the board again, the cursor on \(selected)") {
      $0.contains("Board by owner") && Self.selectedAccount(in: $0) == selected
    }
    try quit()
  }

  /// The id of the account under the cursor, from the board's line that names it ("▶ Acme (acme) ·
  /// ana · tier 1 · ... · Enter opens"); nil while that line is not drawn.
  private static func selectedAccount(in screen: String) -> String? {
    for line in screen.split(separator: "\n") where line.hasPrefix("▶ ") {
      if let id = line.range(of: #"\(([a-z0-9-]+)\) · "#, options: .regularExpression) {
        return String(line[id].dropFirst().dropLast(4))
      }
    }
    return nil
  }
}
