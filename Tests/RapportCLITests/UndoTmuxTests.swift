import Foundation
import XCTest

/// `U` in the real dashboard under tmux: an account added by mistake with the `a` form is undone, gone
/// from the list, its id free again.
final class UndoTmuxTests: TmuxTestCase {
  func testAnAccountAddedByMistakeIsUndoneWithU() throws {
    _ = try writeDemo()
    try openDashboard()
    try send("a")
    try waitForPane("the account form") { $0.contains("Add account") }
    try send("send qbr deck next week")
    try press("Enter")
    let saved = try waitForPane("the saved message") { $0.contains("saved #") && !$0.contains("Add account") }
    XCTAssertTrue(saved.contains("send qbr deck next week"), saved)

    try send("U")
    // The question wraps onto more status rows at 100 columns.
    let question = try waitForPane("the question") {
      Self.flat($0).contains("undo adding account send-qbr-deck-next-week")
    }
    XCTAssertTrue(Self.flat(question).contains("it is voided: out of every list, its id free y yes · n no"), question)
    try send("y")
    try waitForPane("the undo") { Self.flat($0).contains("undone: account send-qbr-deck-next-week") }
    // The next key clears the message: the list no longer has the account.
    try press("Down")
    let list = try waitForPane("the message to clear") { !$0.contains("undone:") }
    XCTAssertFalse(list.contains("send qbr deck"), list)
    try quit()

    let journal = ["--log", demoPath]
    let lines = try JournalFile.lines(try XCTUnwrap(sandbox.bytes(of: demoPath)))
    XCTAssertEqual(lines.last?.type, "account.voided")
    XCTAssertEqual(lines.last?.account, "send-qbr-deck-next-week")
    XCTAssertEqual(lines.last?.data?["reason"] as? String, "undone")
    XCTAssertFalse(try sandbox.succeed(["account", "list"] + journal).stdout.contains("send-qbr-deck-next-week"))
    let timeline = try sandbox.succeed(["timeline", "send-qbr-deck-next-week"] + journal)
    XCTAssertTrue(timeline.stdout.contains("account voided: undone"), timeline.summary)
    // Its id is free again.
    try sandbox.succeed(["account", "add", "send-qbr-deck-next-week", "--tier", "2", "--name", "Real"] + journal)
  }

  /// The pane's rows as one line (a wrapped status message read whole).
  private static func flat(_ pane: String) -> String {
    pane.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }.joined(separator: " ")
  }
}
