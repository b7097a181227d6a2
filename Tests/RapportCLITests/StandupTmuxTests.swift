import Foundation
import Glibc
import XCTest

/// The standup in the real binary, in a real terminal: it survives the dashboard being killed, `q` asks
/// with cards left, and `C` copies the summary through OSC 52 (tmux keeps it as a paste buffer).
final class StandupTmuxTests: TmuxTestCase {
  /// The pid of the dashboard running in the pane's shell.
  private func dashboardPID() throws -> Int32 {
    let shell = try tmux(["display-message", "-p", "-t", "rapport", "#{pane_pid}"]).stdout
      .trimmingCharacters(in: .whitespacesAndNewlines)
    let children = String(decoding: sandbox.bytes(of: "/proc/\(shell)/task/\(shell)/children") ?? [], as: UTF8.self)
    return try XCTUnwrap(children.split(separator: " ").first.flatMap { Int32($0) }, "no rapport under \(shell)")
  }

  func testTheStandupIsResumedAfterTheDashboardIsKilled() throws {
    _ = try writeDemo()
    try openDashboard(binary: sandbox.realBinary)
    try send("S")
    try waitForPane("the first card") { $0.contains("Standup 1/9") && $0.contains("not started") }
    try press("Enter")
    try waitForPane("the second card") { $0.contains("Standup 2/9") }
    try send("s")
    try waitForPane("the third card") { $0.contains("Standup 3/9") && $0.contains("1 discussed, 1 skipped") }
    try send("N")
    try send("Call the sponsor first")
    try press("Enter")
    try waitForPane("the note") { $0.contains("note: Call the sponsor first") }

    // The link drops: the dashboard dies without a word, its terminal with it.
    XCTAssertEqual(kill(try dashboardPID(), SIGKILL), 0)
    try tmux(["kill-server"])
    socket = nil

    try openDashboard(binary: sandbox.realBinary)
    try send("S")
    let text = try waitForPane("the standup where it stood") {
      $0.contains("Standup 3/9") && $0.contains("1 discussed, 1 skipped, 0 actions, 7 to go")
    }
    XCTAssertTrue(text.contains("note: Call the sponsor first"), text)
    XCTAssertFalse(text.contains("not started"), text)
  }

  func testQuitAsksWithCardsLeft() throws {
    _ = try writeDemo()
    try openDashboard()
    try send("S")
    try waitForPane("the first card") { $0.contains("Standup 1/9") }
    try press("Enter")
    try waitForPane("the second card") { $0.contains("Standup 2/9") }
    try send("q")
    try waitForPane("the question") { $0.contains("8 cards to go. Quit? y quits") }
    try send("n")
    try waitForPane("the cards again") { $0.contains("Standup 2/9") && !$0.contains("Quit?") }
    try send("q")
    try waitForPane("the question again") { $0.contains("Quit? y quits") }
    try send("y")
    try waitForPane("the shell") { !$0.contains(" records") && $0.contains("ready$") }
    // Nothing was lost: the journal's standup is still open, one card discussed.
    let summary = try sandbox.succeed(["standup", "--log", demoPath, "--summary"])
    XCTAssertTrue(summary.stdout.contains("(in progress)"), summary.summary)
    XCTAssertTrue(summary.stdout.contains("1 account discussed · 0 skipped · 8 to go"), summary.summary)
  }

  func testTheSummaryIsCopiedThroughOSC52() throws {
    _ = try writeDemo()
    try openDashboard()
    // tmux takes an application's OSC 52 as a paste buffer when set-clipboard is on.
    try tmux(["set-option", "-s", "set-clipboard", "on"])
    try send("S")
    try waitForPane("the first card") { $0.contains("Standup 1/9") }
    try press("Enter")
    try waitForPane("the second card") { $0.contains("Standup 2/9") }
    try send("C")
    let text = try waitForPane("the Markdown summary") { $0.contains("Standup summary (Markdown)") }
    XCTAssertTrue(text.contains("summary (Markdown) copied"), text)
    let buffer = try tmux(["show-buffer"]).stdout
    XCTAssertTrue(buffer.hasPrefix("# Standup 2026-11-23 (in progress) — everyone's accounts\n"), buffer)
    XCTAssertTrue(buffer.contains("## Discussed\n\n- **Stark Labs** (`stark-6`)"), buffer)
    XCTAssertTrue(buffer.contains("## To go\n"), buffer)
    try press("Escape")
    try waitForPane("the cards") { $0.contains("Standup 2/9") }
  }

  func testTheLinuxConsoleCannotCopyAndSaysWhereElse() throws {
    _ = try writeDemo()
    try openDashboard()
    try quit()
    // The Linux console's terminal: no OSC 52.
    try send("TERM=linux \"$RAPPORT\" demo")
    try press("Enter")
    try waitForPane("the board") { $0.contains(" records") && $0.contains("ACCOUNT") }
    try send("S")
    try waitForPane("the first card") { $0.contains("Standup 1/9") }
    try send("C")
    let text = try waitForPane("the refusal") { $0.contains("cannot copy to the clipboard") }
    XCTAssertTrue(text.contains("TERM=linux"), text)
    XCTAssertTrue(text.contains("Standup summary (Markdown)"), "the summary shows, to read or select: \(text)")
  }
}
