import Foundation
import XCTest

/// Issue 14, "green needs evidence" and "contract value from contract fields only", through the real
/// binary with the day fixed by `--today`.
final class HealthEvidenceCommandTests: RapportCLITestCase {
  private let today = ["--today", "2026-11-23"]

  private func row(_ slug: String, in sandbox: RapportSandbox) throws -> [String: Any] {
    let rows = try XCTUnwrap(
      try parseJSON(try sandbox.succeed(["board", "--format", "json"] + today).stdout) as? [Any])
    return try XCTUnwrap(rows.compactMap { $0 as? [String: Any] }.first { $0["account"] as? String == slug })
  }

  private func boardLine(_ name: String, in sandbox: RapportSandbox) throws -> String {
    let board = try sandbox.succeed(["board"] + today).stdout
    return try XCTUnwrap(board.split(separator: "\n").map(String.init).first { $0.contains(name) }, board)
  }

  func testNeverTouchedWithOneOldTicketIsRed() throws {
    let sandbox = try makeSandbox()
    try sandbox.succeed(["init"])
    try sandbox.succeed(
      [
        "account", "add", "acme", "--name", "Acme", "--tier", "2", "--owner", "alice", "--signed", "2025-01-10",
        "--date", "2025-01-10",
      ] + today)
    // One ticket, opened and closed seven months ago.
    try sandbox.succeed(["ticket", "open", "acme", "T-1", "--date", "2026-04-20"] + today)
    try sandbox.succeed(["ticket", "close", "acme", "T-1", "--date", "2026-04-22"] + today)

    let line = try boardLine("Acme", in: sandbox)
    XCTAssertTrue(line.hasPrefix("R "), "red on the board, not green: \(line)")
    XCTAssertTrue(line.contains(" 38 "), line)
    XCTAssertTrue(line.contains("thin data: 2 of 5 measures"), line)

    let why = try sandbox.succeed(["why", "acme"] + today).stdout
    XCTAssertTrue(why.contains("health: RED 38/100, thin data: 2 of 5 measures"), why)
    XCTAssertTrue(why.contains("never touched; 682 days since signature (every 14)"), why)

    let json = try row("acme", in: sandbox)
    XCTAssertEqual(json["health"] as? String, "red")
    XCTAssertEqual(json["score"] as? Double, 38)
    XCTAssertEqual(json["measures_with_data"] as? Double, 2)
    XCTAssertEqual(json["thin_data"] as? Bool, true)
    XCTAssertEqual(json["thin_data_note"] as? String, "thin data: 2 of 5 measures")
    let why2 = try XCTUnwrap(
      try parseJSON(try sandbox.succeed(["why", "acme", "--format", "json"] + today).stdout) as? [String: Any])
    let measures = try XCTUnwrap(why2["measures"] as? [[String: Any]])
    XCTAssertEqual(measures.first?["value"] as? String, "never touched; 682 days since signature (every 14)")
    XCTAssertEqual(measures.first?["score"] as? Double, 0)
    XCTAssertEqual(why2["thin_data_note"] as? String, "thin data: 2 of 5 measures")
  }

  func testOneCallAndNothingElseIsYellowWithThinData() throws {
    let sandbox = try makeSandbox()
    try sandbox.succeed(["init"])
    try sandbox.succeed(
      ["account", "add", "beta", "--name", "Beta", "--tier", "1", "--owner", "alice", "--date", "2026-10-01"] + today)
    try sandbox.succeed(["touch", "beta", "--kind", "call", "--summary", "Checked in", "--date", "2026-11-23"] + today)

    let line = try boardLine("Beta", in: sandbox)
    XCTAssertTrue(line.hasPrefix("Y "), "at most yellow: \(line)")
    XCTAssertTrue(line.contains("100"), line)
    XCTAssertTrue(line.contains("thin data: 1 of 5 measures"), line)
    XCTAssertTrue(try sandbox.succeed(["board"] + today).stdout.contains("EVIDENCE"))

    let why = try sandbox.succeed(["why", "beta"] + today).stdout
    XCTAssertTrue(why.contains("health: YELLOW 100/100, thin data: 1 of 5 measures"), why)
    XCTAssertTrue(why.contains("0 days ago (every 7)"), why)

    let json = try row("beta", in: sandbox)
    XCTAssertEqual(json["health"] as? String, "yellow")
    XCTAssertEqual(json["thin_data_note"] as? String, "thin data: 1 of 5 measures")
    // `board --color green` does not list it.
    let green = try sandbox.succeed(["board", "--color", "green", "--format", "json"] + today).stdout
    XCTAssertEqual((try parseJSON(green) as? [Any])?.count, 0, green)
  }

  func testEnoughEvidenceIsGreenWithoutANote() throws {
    let sandbox = try makeSandbox()
    try sandbox.succeed(["init"])
    try sandbox.succeed(["account", "add", "gamma", "--name", "Gamma", "--tier", "1", "--date", "2026-09-01"] + today)
    try sandbox.succeed(["touch", "gamma", "--kind", "meeting", "--summary", "Review", "--date", "2026-11-20"] + today)
    try sandbox.succeed(["usage", "gamma", "100", "--date", "2026-10-10"] + today)
    try sandbox.succeed(["usage", "gamma", "110", "--date", "2026-11-20"] + today)
    try sandbox.succeed(["nps", "gamma", "9", "--date", "2026-11-20"] + today)
    let json = try row("gamma", in: sandbox)
    XCTAssertEqual(json["health"] as? String, "green", "\(json)")
    XCTAssertEqual(json["measures_with_data"] as? Double, 3)
    XCTAssertEqual(json["thin_data"] as? Bool, false)
    XCTAssertTrue(json["thin_data_note"] is NSNull, "\(json)")
    XCTAssertFalse(try sandbox.succeed(["board"] + today).stdout.contains("EVIDENCE"), "no thin account, no column")
    XCTAssertFalse(try sandbox.succeed(["why", "gamma"] + today).stdout.contains("thin data"))
  }

  func testHubSpotImportTakesTheAmountNeverTheAnnualRevenue() throws {
    let sandbox = try makeSandbox()
    try sandbox.succeed(["init"])
    let path = sandbox.path("hubspot.csv")
    try sandbox.write(
      Array(
        """
        Record ID,Company name,Company owner,Lifecycle Stage,Annual Revenue,Number of Employees,Amount
        101,Acme Corp,Alice Martin,customer,"$25,000,000",250,"$48,000.00"
        102,Globex,bob,customer,9000000,40,

        """.utf8), to: path)
    let dry = try sandbox.succeed(["import", "accounts", path, "--dry-run"] + today)
    XCTAssertTrue(dry.stdout.contains("value ← \"Amount\""), dry.summary)
    XCTAssertTrue(
      dry.stdout.contains(
        "ignored \"Annual Revenue\", \"Number of Employees\": the client company's own figures, never a contract value"),
      dry.summary)
    let result = try sandbox.succeed(["import", "accounts", path] + today)
    XCTAssertTrue(result.stdout.contains("added 2"), result.summary)
    XCTAssertTrue(result.stderr.contains("never a contract value"), result.summary)

    let list = try XCTUnwrap(
      try parseJSON(try sandbox.succeed(["account", "list", "--format", "json"] + today).stdout) as? [[String: Any]])
    let values = Dictionary(uniqueKeysWithValues: list.map { ($0["account"] as? String ?? "", $0["value"]) })
    XCTAssertEqual(values["acme-corp"] as? Double, 48000, "the deal amount")
    // Globex has no amount: no value, never its revenue; and no renewal date, imported all the same.
    XCTAssertTrue(values["globex"] is NSNull, "\(list)")

    // Naming the revenue column as the value is refused, and nothing is written.
    let journal = try sandbox.journalBytes()
    let refused = try sandbox.run(["import", "accounts", path, "--map", "value=Annual Revenue"] + today)
    XCTAssertEqual(refused.status, 65, refused.summary)
    XCTAssertTrue(refused.stderr.contains("never a contract value"), refused.summary)
    XCTAssertEqual(try sandbox.journalBytes(), journal)
  }
}
