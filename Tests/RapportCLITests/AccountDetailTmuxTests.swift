import Foundation
import RapportTestSupport
import XCTest

/// The account detail in a real terminal: an entry read whole, `/` finding the text of a summary, and
/// the timeline's cursor staying on its entry while another process appends.
final class AccountDetailTmuxTests: TmuxTestCase {
  /// Logs a call on `slug` with `summary` through the CLI, as `user`; returns its seq.
  @discardableResult
  private func touch(_ slug: String, _ summary: String, user: String = "bo") throws -> Int {
    try sandbox.succeed(
      ["touch", slug, "--kind", "call", "--summary", summary, "--log", demoPath], user: user)
    let timeline = try sandbox.succeed(["timeline", slug, "--format", "json", "--log", demoPath])
    let entries = try XCTUnwrap(
      try JSONSerialization.jsonObject(with: Data(timeline.stdout.utf8)) as? [[String: Any]], timeline.summary)
    let entry = try XCTUnwrap(entries.first { ($0["title"] as? String) == "call: \(summary)" }, timeline.summary)
    return try XCTUnwrap(entry["seq"] as? Int)
  }

  /// The pane's line with the timeline's cursor `▶` at its start.
  private func cursorLine(_ pane: String) -> String? {
    pane.split(separator: "\n").map(String.init).first { $0.hasPrefix("▶") }
  }

  func testATimelineEntryIsReadWholeAndEscGoesBack() throws {
    let slug = try writeDemo()
    let summary =
      "Walked the CFO through the renewal: " + (1...30).map { "point\($0)" }.joined(separator: " ")
      + " and agreed to meet again in January"
    try touch(slug, summary)
    try openDashboard()
    try send("/\(slug)")
    try press("Enter")
    try press("Enter")
    let detail = try waitForPane("the account's timeline") { $0.contains("Timeline") }
    XCTAssertFalse(detail.contains("meet again in January"), "cut in the timeline:\n\(detail)")
    XCTAssertTrue(cursorLine(detail)?.contains("Walked the CFO") ?? false, detail)
    try press("Enter")
    let whole = try waitForPane("the entry read whole") { $0.contains("Entry #") }
    XCTAssertTrue(whole.contains("recorded by bo on "), whole)
    // Every word of the summary, wrapped over the lines under "summary".
    let lines = whole.split(separator: "\n").map(String.init)
    let first = try XCTUnwrap(lines.firstIndex { $0.hasPrefix("summary") }, whole)
    let text = lines[first...].prefix { !$0.hasPrefix("meaningful") && !$0.isEmpty }
      .map { $0.replacingOccurrences(of: "summary", with: "").trimmingCharacters(in: .whitespaces) }
    XCTAssertEqual(text.joined(separator: " "), summary, whole)
    try press("Escape")
    try waitForPane("the timeline again") { $0.contains("Timeline") && !$0.contains("Entry #") }
    try quit()
  }

  func testSlashFindsTheTextOfASummaryWithItsDateAndOpensItsAccountThere() throws {
    let slug = try writeDemo()
    let seq = try touch(slug, "Talked xylophone licensing with procurement")
    try openDashboard()
    try send("/xylophone")
    try press("Enter")
    let found = try waitForPane("the matching summary") { $0.contains("xylophone licensing") }
    let row = try XCTUnwrap(
      found.split(separator: "\n").first { $0.contains("xylophone licensing") }.map(String.init), found)
    XCTAssertTrue(row.hasPrefix("2026-11-23"), row)
    XCTAssertTrue(row.contains("call"), row)
    try press("Enter")
    let detail = try waitForPane("the account at that entry") { $0.contains("Timeline") }
    XCTAssertTrue(cursorLine(detail)?.contains("xylophone licensing") ?? false, detail)
    XCTAssertTrue(detail.contains("(\(slug))"), detail)
    try send("u")
    try waitForPane("the retraction form for that entry") { $0.contains("Retract #\(seq) ") }
    try press("Escape")
    try quit()
  }

  func testTheTimelineCursorStaysOnItsEntryWhileAnotherProcessAppends() throws {
    let slug = try writeDemo()
    let mine = try touch(slug, "Quarterly review held", user: "ana")
    try openDashboard()
    try send("/\(slug)")
    try press("Enter")
    try press("Enter")
    let before = try waitForPane("the account's timeline") { $0.contains("Timeline") }
    XCTAssertTrue(cursorLine(before)?.contains("Quarterly review held") ?? false, before)
    // Another process appends a newer entry to the same account: it shows on top, the cursor stays.
    let theirs = try touch(slug, "Appended by another process")
    let after = try waitForPane("the other process's entry") { $0.contains("Appended by another process") }
    XCTAssertTrue(cursorLine(after)?.contains("Quarterly review held") ?? false, after)
    try send("u")
    let form = try waitForPane("the retraction form") { $0.contains("Retract #") }
    XCTAssertTrue(form.contains("Retract #\(mine) "), "not #\(theirs):\n\(form)")
    try press("Escape")
    try quit()
  }
}
