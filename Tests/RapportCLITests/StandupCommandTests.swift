import Foundation
import XCTest

/// `rapport standup` without a terminal: the agenda as text, the last standup's summary, and errors.
final class StandupCommandTests: RapportCLITestCase {
  func testAgendaSummaryWithoutATerminal() throws {
    let sandbox = try makeSandbox()
    try sandbox.initWithAcme()
    try sandbox.succeed(["account", "add", "orphan", "--name", "Orphan Ltd", "--tier", "2"])
    let agenda = try sandbox.succeed(["standup", "--summary"])
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
    let result = try sandbox.run(["standup", "--last"])
    XCTAssertEqual(result.status, 65, result.summary)
    XCTAssertTrue(result.stderr.contains("standup: none recorded yet"), result.summary)
    XCTAssertEqual(result.stdout, "")
  }
}
