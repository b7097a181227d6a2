import Foundation
import XCTest

/// Issue 14: a play closes only on the evidence it asks for, renewals have an outcome and a forecast,
/// and the lifecycle rules of the articles are checked. Today is 2026-11-23 (a Monday) in every run.
final class PlayEvidenceTests: RapportCLITestCase {
  private func plays(_ sandbox: RapportSandbox, _ slug: String) throws -> [[String: Any]] {
    let result = try sandbox.succeed(["why", slug, "--format", "json"])
    let object = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(result.stdoutBytes)) as? [String: Any])
    return try XCTUnwrap(object["plays"] as? [[String: Any]])
  }

  private func playCodes(_ sandbox: RapportSandbox, _ slug: String) throws -> [String] {
    try plays(sandbox, slug).compactMap { $0["play"] as? String }
  }

  private func assessment(_ sandbox: RapportSandbox, _ slug: String) throws -> [String: Any] {
    let result = try sandbox.succeed(["why", slug, "--format", "json"])
    return try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(result.stdoutBytes)) as? [String: Any])
  }

  private func book(_ sandbox: RapportSandbox) throws {
    try sandbox.succeed(["init"])
    try sandbox.succeed([
      "account", "add", "acme", "--name", "Acme", "--tier", "2", "--owner", "alice", "--signed", "2025-06-01",
      "--renewal", "2027-06-01", "--value", "100k", "--date", "2025-06-01",
    ])
    try sandbox.succeed(["stage", "acme", "growth", "--date", "2025-08-01"])
  }

  func testANewsletterToAnotherContactLeavesTheDetractorFollowUpOpen() throws {
    let sandbox = try makeSandbox()
    try book(sandbox)
    try sandbox.succeed(["nps", "acme", "3", "--contact", "Dana Lee", "--date", "2026-11-20"])
    try sandbox.succeed([
      "touch", "acme", "--kind", "email", "--summary", "Monthly newsletter", "--with", "Sam Roe", "--date",
      "2026-11-21",
    ])
    try sandbox.succeed(["touch", "acme", "--kind", "call", "--summary", "Renewal terms", "--with", "Sam Roe"])
    XCTAssertTrue(try playCodes(sandbox, "acme").contains("detractor-followup"))
    let followUp = try XCTUnwrap(try plays(sandbox, "acme").first { $0["play"] as? String == "detractor-followup" })
    XCTAssertEqual(
      followUp["closed_by"] as? String, "a meaningful call or meeting with Dana Lee on or after 2026-11-20")
    XCTAssertTrue(
      try sandbox.succeed(["why", "acme"]).stdout.contains("closed by a meaningful call or meeting with Dana Lee"))
    try sandbox.succeed(["touch", "acme", "--kind", "call", "--summary", "Heard her out", "--with", "dana lee"])
    XCTAssertFalse(try playCodes(sandbox, "acme").contains("detractor-followup"))
  }

  func testAnEmailIsNoCheckIn() throws {
    let sandbox = try makeSandbox()
    try book(sandbox)
    try sandbox.succeed(["touch", "acme", "--kind", "call", "--summary", "Catch-up", "--date", "2026-11-01"])
    try sandbox.succeed(["touch", "acme", "--kind", "email", "--summary", "Invoice question"])
    let checkIn = try XCTUnwrap(try plays(sandbox, "acme").first { $0["play"] as? String == "checkin" })
    XCTAssertEqual(checkIn["due"] as? String, "2026-11-15", "due 14 days after the call, not after the email")
    XCTAssertEqual(checkIn["overdue"] as? Bool, true)
  }

  func testQBRAgendaAndSummaryCloseOnlyOnEntriesMarkedForThem() throws {
    let sandbox = try makeSandbox()
    try book(sandbox)
    try sandbox.succeed(["qbr", "acme", "2026-11-25", "--on", "2026-11-10"])
    try sandbox.succeed(["touch", "acme", "--kind", "email", "--summary", "Invoice question about PO number"])
    XCTAssertTrue(try playCodes(sandbox, "acme").contains("qbr-agenda"), "an unmarked email closes nothing")
    try sandbox.succeed([
      "touch", "acme", "--kind", "email", "--summary", "Agenda for Wednesday", "--closes", "qbr-agenda",
    ])
    XCTAssertFalse(try playCodes(sandbox, "acme").contains("qbr-agenda"))
    let bad = try sandbox.run(["touch", "acme", "--kind", "email", "--summary", "x", "--closes", "no-such-play"])
    XCTAssertEqual(bad.status, 65, bad.summary)
    XCTAssertTrue(bad.stderr.contains("invalid closes 'no-such-play'"), bad.stderr)
  }

  func testTheRenewalConversationClosesOnlyOnAMarkedEntry() throws {
    let sandbox = try makeSandbox()
    try sandbox.succeed(["init"])
    try sandbox.succeed([
      "account", "add", "acme", "--name", "Acme", "--tier", "2", "--owner", "alice", "--renewal", "2027-01-15",
      "--value", "100k", "--date", "2025-06-01",
    ])
    try sandbox.succeed(["touch", "acme", "--kind", "call", "--summary", "Will they renew? Asked about seats"])
    XCTAssertTrue(try playCodes(sandbox, "acme").contains("renewal-conversation"), "no word in a summary closes it")
    try sandbox.succeed([
      "touch", "acme", "--kind", "call", "--summary", "Terms for next year", "--closes", "renewal-conversation",
    ])
    XCTAssertFalse(try playCodes(sandbox, "acme").contains("renewal-conversation"))
  }

  func testTheHandoffCallNeedsBothOwners() throws {
    let sandbox = try makeSandbox()
    try book(sandbox)
    try sandbox.succeed(["handoff", "acme", "--to", "bob", "--date", "2026-11-16"])
    try sandbox.succeed(["touch", "acme", "--kind", "handoff-call", "--summary", "Intro", "--as", "bob"])
    XCTAssertTrue(try playCodes(sandbox, "acme").contains("handoff-call"), "the new owner alone does not close it")
    try sandbox.succeed([
      "touch", "acme", "--kind", "meeting", "--summary", "Joint intro", "--as", "bob", "--with", "alice, Dana Lee",
    ])
    XCTAssertFalse(try playCodes(sandbox, "acme").contains("handoff-call"))
  }

  func testARenewalFifteenDaysPastWithoutAnOutcomeIsRedUntilOneIsRecorded() throws {
    let sandbox = try makeSandbox()
    try sandbox.succeed(["init"])
    try sandbox.succeed([
      "account", "add", "acme", "--name", "Acme", "--tier", "3", "--owner", "alice", "--signed", "2025-11-08",
      "--renewal", "2026-11-08", "--value", "100k", "--date", "2025-11-08",
    ])
    try sandbox.succeed(["stage", "acme", "growth", "--date", "2026-01-01"])
    for (kind, date) in [("call", "2026-11-20"), ("meeting", "2026-11-10")] {
      try sandbox.succeed(["touch", "acme", "--kind", kind, "--summary", "Fine", "--date", date])
    }
    try sandbox.succeed(["usage", "acme", "100", "--date", "2026-11-01"])
    try sandbox.succeed(["usage", "acme", "100", "--date", "2026-09-20"])
    try sandbox.succeed(["nps", "acme", "10", "--date", "2026-11-01"])
    let before = try assessment(sandbox, "acme")
    XCTAssertEqual(before["health"] as? String, "red")
    XCTAssertTrue((before["alerts"] as? [String])?.contains("renewal-overdue") ?? false, "\(before)")
    XCTAssertTrue(try playCodes(sandbox, "acme").contains("renewal-outcome"))
    let board = try sandbox.succeed(["board"]).stdout
    XCTAssertTrue(board.contains("renewal-overdue"), board)

    let saved = try sandbox.succeed(["renewal", "acme", "expanded", "--value", "130k", "--date", "2026-11-20"])
    XCTAssertTrue(saved.stdout.contains("renewal.recorded"), saved.stdout)
    let after = try assessment(sandbox, "acme")
    XCTAssertNotEqual(after["health"] as? String, "red", "\(after)")
    XCTAssertFalse((after["alerts"] as? [String])?.contains("renewal-overdue") ?? true)
    XCTAssertEqual(after["renewal"] as? String, "2027-11-08", "the next renewal, one term after the last")
    XCTAssertEqual(after["value"] as? Double, 130_000)

    let downsized = try sandbox.run(["renewal", "acme", "downsized", "--value", "200k"])
    XCTAssertEqual(downsized.status, 65, "a downsize must lower the value: \(downsized.summary)")
    try sandbox.succeed(["renewal", "acme", "churned", "--reason", "budget cut"])
    XCTAssertEqual(try assessment(sandbox, "acme")["stage"] as? String, "churned")
  }

  func testTheForecastsValuesAddUp() throws {
    let sandbox = try makeSandbox()
    try sandbox.succeed(["init"])
    let accounts: [(String, String, String)] = [
      ("acme", "2026-12-10", "100k"), ("beta", "2027-01-20", "50k"), ("core", "2027-02-01", "25k"),
      ("dune", "2027-06-01", "999k"), ("echo", "2026-11-01", "40k"),
    ]
    for (slug, renewal, value) in accounts {
      try sandbox.succeed([
        "account", "add", slug, "--name", slug.capitalized, "--tier", "2", "--owner", slug == "beta" ? "bob" : "alice",
        "--renewal", renewal, "--value", value, "--date", "2026-01-05",
      ])
    }
    try sandbox.succeed(["touch", "beta", "--kind", "call", "--summary", "Fine", "--with", "x"])
    let result = try sandbox.succeed(["forecast", "--days", "90", "--by", "owner", "--format", "json"])
    let forecast = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(result.stdoutBytes)) as? [String: Any])
    let totals = try XCTUnwrap(forecast["totals"] as? [String: Any])
    XCTAssertEqual(totals["count"] as? Int, 3, "acme, beta and core renew within 90 days")
    XCTAssertEqual(totals["value"] as? Double, 175_000)
    let bands = try XCTUnwrap(totals["by_health"] as? [String: [String: Any]])
    let bandValues = bands.values.compactMap { $0["value"] as? Double }
    XCTAssertEqual(bandValues.reduce(0, +), 175_000, "the bands add up to the total")
    XCTAssertEqual(
      totals["value_at_risk"] as? Double,
      (bands["red"]?["value"] as? Double ?? 0) + (bands["yellow"]?["value"] as? Double ?? 0))
    let overdue = try XCTUnwrap(forecast["overdue"] as? [[String: Any]])
    XCTAssertEqual(overdue.map { $0["account"] as? String }, ["echo"])
    XCTAssertEqual(forecast["overdue_value"] as? Double, 40_000)
    let groups = try XCTUnwrap(forecast["groups"] as? [[String: Any]])
    let groupValues = groups.compactMap { ($0["totals"] as? [String: Any])?["value"] as? Double }
    XCTAssertEqual(groupValues.reduce(0, +), 175_000, "the owners' shares add up to the total")
    let text = try sandbox.succeed(["forecast"]).stdout
    XCTAssertTrue(text.contains("Value at risk (red and yellow)"), text)
    XCTAssertTrue(text.contains("Overdue (date passed, no outcome recorded): 1"), text)
  }

  func testTheLifecycleRulesOfTheArticlesAreChecked() throws {
    let sandbox = try makeSandbox()
    try sandbox.succeed(["init"])
    try sandbox.succeed([
      "account", "add", "new", "--name", "New", "--tier", "2", "--owner", "alice", "--manager", "carol", "--signed",
      "2026-10-01", "--date", "2026-10-01",
    ])
    let alerts = try XCTUnwrap(try assessment(sandbox, "new")["alerts"] as? [String])
    for expected in ["onboarding-overdue", "first-value-late", "renewal-unknown"] {
      XCTAssertTrue(alerts.contains(expected), "\(expected) in \(alerts)")
    }
    try sandbox.succeed(["ticket", "open", "new", "T-1", "--severity", "urgent", "--date", "2026-11-21"])
    XCTAssertTrue((try assessment(sandbox, "new")["alerts"] as? [String])?.contains("urgent-ticket") ?? false)
    XCTAssertTrue(try playCodes(sandbox, "new").contains("urgent-ticket"))
    try sandbox.succeed(["touch", "new", "--kind", "call", "--summary", "On it", "--date", "2026-11-22"])
    XCTAssertFalse(try playCodes(sandbox, "new").contains("urgent-ticket"), "the call closes the play")
    XCTAssertTrue((try assessment(sandbox, "new")["alerts"] as? [String])?.contains("urgent-ticket") ?? false)

    for number in 1...6 {
      try sandbox.succeed(["criterion", "add", "new", "Goal \(number)", "--target", "2026-12-31"])
    }
    let criteria = try XCTUnwrap(try plays(sandbox, "new").first { $0["play"] as? String == "success-criteria" })
    XCTAssertEqual(criteria["title"] as? String, "success criteria: keep to 5 at most (6 documented)")
    XCTAssertTrue(try playCodes(sandbox, "new").contains("nps-survey"))

    let mine = try sandbox.succeed(["due", "--owner", "carol"]).stdout
    XCTAssertTrue(mine.contains("(you manage)"), "carol manages it: \(mine)")
    XCTAssertTrue(mine.contains("new"), mine)
  }
}
