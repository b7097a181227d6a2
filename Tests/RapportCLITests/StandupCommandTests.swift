import Foundation
import RapportDomain
import RapportJournal
import XCTest

/// `rapport standup` without a terminal: the agenda as text, the summary of the standup in progress or
/// of the last one in text, Markdown and JSON, and errors.
final class StandupCommandTests: RapportCLITestCase {
  func testAgendaWithoutATerminal() throws {
    let sandbox = try makeSandbox()
    try sandbox.initWithAcme()
    try sandbox.succeed(["account", "add", "orphan", "--name", "Orphan Ltd", "--tier", "2"])
    let agenda = try sandbox.succeed(["standup", "--agenda"])
    XCTAssertTrue(agenda.stdout.hasPrefix("Standup agenda \(RapportSandbox.today)"), agenda.summary)
    // Created today, never touched: 0 days since creation (100) on 1 of 5 measures, so yellow and thin
    // (before "green needs evidence" it had no data: unknown).
    XCTAssertTrue(
      agenda.stdout.contains("Orphan Ltd (orphan), no owner: yellow 100 (thin data: 1 of 5 measures) — no owner"),
      agenda.summary)
    // Not a terminal: the bare command prints the same agenda instead of opening the dashboard.
    XCTAssertEqual(try sandbox.succeed(["standup"]).stdout, agenda.stdout)
  }

  func testLastWithoutAnyStandupIsRefused() throws {
    let sandbox = try makeSandbox()
    try sandbox.initWithAcme()
    for flag in ["--last", "--summary"] {
      let result = try sandbox.run(["standup", flag])
      XCTAssertEqual(result.status, 65, result.summary)
      XCTAssertTrue(
        result.stderr.contains("standup: none recorded yet (rapport standup --agenda prints the agenda)"),
        result.summary)
      XCTAssertEqual(result.stdout, "")
    }
  }

  func testFlagsThatDoNotGoTogetherAreRefused() throws {
    let sandbox = try makeSandbox()
    try sandbox.initWithAcme()
    let both = try sandbox.run(["standup", "--summary", "--last"])
    XCTAssertEqual(both.status, 64, both.summary)
    XCTAssertTrue(both.stderr.contains("give one of them"), both.summary)
    let markdown = try sandbox.run(["standup", "--agenda", "--format", "markdown"])
    XCTAssertEqual(markdown.status, 64, markdown.summary)
    XCTAssertTrue(markdown.stderr.contains("--format markdown is for --summary and --last"), markdown.summary)
    let unknown = try sandbox.run(["standup", "--summary", "--format", "html"])
    XCTAssertEqual(unknown.status, 64, unknown.summary)
  }

  func testSummaryInProgressThenRecordedInEveryFormat() throws {
    let sandbox = try makeSandbox()
    try sandbox.initWithAcme()
    try sandbox.succeed(["account", "add", "orphan", "--name", "Orphan *Ltd*", "--tier", "2"])
    // The dashboard's steps, appended as it would (the CLI has no keys for them).
    let today = try XCTUnwrap(Day(iso: RapportSandbox.today))
    var desk = try Desk.open(Journal(path: sandbox.journalPath), user: "alice")
    let context = Context(now: .now(), today: today, user: "alice")
    let started = try desk.perform(
      .standup(
        .new(StandupPlan(day: today, owner: nil, agenda: ["acme", "orphan"])),
        .review(account: "acme", outcome: .discussed, note: "Needs an owner")), in: context)
    let id = try XCTUnwrap(started.records.first?.id)
    try desk.perform(
      .standup(
        .open(id: id), .addAction(account: "acme", text: "Find an owner", due: today.adding(days: 4), owner: "bo")),
      in: context)

    let text = try sandbox.succeed(["standup", "--summary"])
    XCTAssertEqual(
      text.stdoutLines.prefix(2),
      [
        "Standup 2026-11-23 (in progress), started by alice — everyone's accounts",
        "1 account discussed · 0 skipped · 1 to go · 1 action item",
      ], text.summary)
    XCTAssertTrue(text.stdout.contains("  note: Needs an owner\n"), text.summary)
    XCTAssertTrue(text.stdout.contains("To go\n- Orphan *Ltd* (orphan)\n"), text.summary)
    let markdown = try sandbox.succeed(["standup", "--summary", "--format", "markdown"])
    XCTAssertTrue(
      markdown.stdout.hasPrefix(
        "# Standup 2026-11-23 (in progress) — everyone's accounts\n\nStarted by alice. 1 account discussed"),
      markdown.summary)
    XCTAssertTrue(markdown.stdout.contains("## Discussed\n\n- **Acme** (`acme`), no owner: "), markdown.summary)
    XCTAssertTrue(markdown.stdout.contains("  - Note: Needs an owner\n"), markdown.summary)
    XCTAssertTrue(
      markdown.stdout.contains("## Action items\n\n- [ ] **Acme**: Find an owner — @bo, due 2026-11-27 (task #"),
      markdown.summary)
    XCTAssertTrue(markdown.stdout.contains("## To go\n\n- **Orphan \\*Ltd\\*** (`orphan`)\n"), markdown.summary)
    // --last is the last one recorded: none yet.
    XCTAssertEqual(try sandbox.run(["standup", "--last"]).status, 65)

    try desk.perform(.standup(.open(id: id), .finish), in: context)
    let json = try sandbox.succeed(["standup", "--summary", "--format", "json"])
    let object = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(json.stdoutBytes)) as? [String: Any])
    XCTAssertEqual(object["state"] as? String, "held")
    XCTAssertEqual(object["ran_by"] as? String, "alice")
    XCTAssertEqual(object["started"] as? String, id)
    XCTAssertEqual(object["discussed"] as? [String], ["acme"])
    XCTAssertEqual(object["skipped"] as? [String], [])
    XCTAssertEqual(object["not_reached"] as? [String], ["orphan"])
    let cards = try XCTUnwrap(object["cards"] as? [[String: Any]])
    XCTAssertEqual(cards.map { $0["outcome"] as? String }, ["discussed", "not-reached"])
    XCTAssertEqual(cards.first?["note"] as? String, "Needs an owner")
    let actions = try XCTUnwrap(object["action_items"] as? [[String: Any]])
    XCTAssertEqual(actions.first?["text"] as? String, "Find an owner")
    XCTAssertEqual(actions.first?["due"] as? String, "2026-11-27")
    XCTAssertEqual(object["actions"] as? [Int], [actions.first?["task"] as? Int ?? -1])

    let last = try sandbox.succeed(["standup", "--last", "--format", "markdown"])
    XCTAssertEqual(last.stdout, try sandbox.succeed(["standup", "--summary", "--format", "markdown"]).stdout)
    XCTAssertTrue(last.stdout.contains("1 not reached"), last.summary)
    XCTAssertTrue(last.stdout.contains("## Not reached\n\n- **Orphan \\*Ltd\\*** (`orphan`)\n"), last.summary)
  }
}
