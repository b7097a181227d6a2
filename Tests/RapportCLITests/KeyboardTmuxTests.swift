import Foundation
import RapportTestSupport
import XCTest

/// The keyboard in a real terminal: nothing acts unseen below 80x24, a message is never cut (and `!`
/// reads it whole), a text field edits like a shell's line.
final class KeyboardTmuxTests: TmuxTestCase {
  func testBelowTheMinimumSizeKeysDoNothingUnseenAndSaySo() throws {
    _ = try writeDemo()
    let before = sandbox.bytes(of: demoPath)
    try openDashboard()
    try tmux(["resize-window", "-t", "rapport", "-x", "70", "-y", "20"])
    try waitForPane("the enlarge message") { $0.contains("enlarge") }
    try send("t")
    try send("Call nobody saw")
    try press("Enter")
    try waitForPane("why nothing was done") { $0.contains("nothing done") && $0.contains("q quits") }
    try tmux(["resize-window", "-t", "rapport", "-x", "100", "-y", "30"])
    let text = try waitForPane("the list again") { !$0.contains("enlarge") && $0.contains("ACCOUNT") }
    XCTAssertFalse(text.contains("Log touchpoint"), "no form opened behind the message: \(text)")
    try quit()
    XCTAssertEqual(sandbox.bytes(of: demoPath), before, "a key acted unseen")
  }

  func testAMessageAt80ColumnsIsNeverCutAndBangReadsItWhole() throws {
    _ = try writeDemo()
    try openDashboard(options: "--read-only", columns: 80, rows: 24)
    try send("t")
    // The whole advice shows, its end on a second status row rather than cut at the edge. Each wait is
    // for all it checks: a pane read mid-redraw shows a new title over the old screen's lines.
    try waitForPane("the whole message, over two rows") {
      $0.contains("read-only, cannot log a") && $0.contains("opened with --read-only")
    }
    try send("!")
    try waitForPane("the message in full") {
      $0.contains("The last message, in full")
        && $0.contains("read-only, cannot log a touchpoint: opened with --read-only")
    }
    try press("Escape")
    try waitForPane("the list again") { !$0.contains("The last message, in full") && $0.contains("ACCOUNT") }
    try send("Z")
    try waitForPane("an unbound key saying so") { $0.contains("Z does nothing here") }
    try quit()
  }

  func testATextFieldEditsLikeAShellLine() throws {
    let slug = try writeDemo()
    try openDashboard()
    try openTouchpointForm(for: slug)
    // Ctrl-U clears the line; Ctrl-W takes the last word; Ctrl-A and End move to either end.
    try send("junk")
    try press("C-u")
    try send("Hello wrold")
    try press("C-w")
    try send("world")
    try press("C-a")
    try send("Oh ")
    try press("End")
    try send(".")
    // Left twice, then Backspace: the character before the cursor, wherever it is.
    try press("Left")
    try press("Left")
    try press("BSpace")
    try send("l")
    // Back to the date: typing replaces its pre-filled "today".
    try press("BTab")
    try send("yesterday")
    try press("Enter")
    try waitForPane("the saved message") { $0.contains("saved #") }
    try quit()
    let timeline = try sandbox.succeed(["timeline", slug, "--format", "json", "--log", demoPath])
    let entries = try XCTUnwrap(
      JSONSerialization.jsonObject(with: Data(timeline.stdout.utf8)) as? [[String: Any]], timeline.summary)
    let entry = try XCTUnwrap(
      entries.first { ($0["title"] as? String)?.contains("Oh Hello world.") == true }, timeline.stdout)
    XCTAssertEqual(entry["date"] as? String, "2026-11-22", "dated yesterday: \(entry)")
  }
}
