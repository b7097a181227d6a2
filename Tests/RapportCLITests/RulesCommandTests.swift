import Foundation
import XCTest

/// `board`, `why`, `due` and `config` through the real binary, on a small book built with `rapport`
/// commands (today is 2026-11-23, a Monday).
final class RulesCommandTests: RapportCLITestCase {
  /// Four accounts:
  /// - beta (tier 2, bob): red 0 — touched 53 days ago, NPS 3, usage −40 %, tickets 1 → 3.
  /// - gamma (tier 3, alice): yellow 54 — touched 44 days ago (50), NPS 7 (60); thin data (2 of 5).
  /// - delta (tier 2, bob): never touched, signed 83 days ago: touch 0, the only measure with data, so red 0
  ///   with thin data (1 of 5); renews in 70 days. (Before the "green needs evidence" rules it had no data
  ///   and was unknown; an account has touch data from its start now.)
  /// - alpha (tier 1, alice): green 82 — touched 3 days ago (100), usage −20 % (50), NPS 9 (100);
  ///   renews in 69 days.
  private func makeBook() throws -> RapportSandbox {
    let sandbox = try makeSandbox()
    let commands: [[String]] = [
      ["init"],
      [
        "account", "add", "alpha", "--name", "Alpha", "--tier", "1", "--owner", "alice", "--stage", "growth",
        "--signed", "2025-01-06", "--renewal", "2027-01-31",
      ],
      [
        "account", "add", "beta", "--name", "Beta", "--tier", "2", "--owner", "bob", "--stage", "growth", "--signed",
        "2025-03-03",
      ],
      [
        "account", "add", "gamma", "--name", "Gamma", "--tier", "3", "--owner", "alice", "--stage", "retention",
        "--signed", "2025-06-02",
      ],
      [
        "account", "add", "delta", "--name", "Delta", "--tier", "2", "--owner", "bob", "--stage", "growth", "--signed",
        "2026-09-01", "--renewal", "2027-02-01",
      ],
      ["touch", "alpha", "--kind", "call", "--summary", "Weekly sync", "--date", "2026-11-20"],
      ["usage", "alpha", "100", "--date", "2026-10-10"],
      ["usage", "alpha", "80", "--date", "2026-11-15"],
      ["nps", "alpha", "9", "--date", "2026-11-10"],
      ["touch", "beta", "--kind", "call", "--summary", "Status", "--date", "2026-10-01"],
      ["touch", "beta", "--kind", "note", "--summary", "Internal note", "--date", "2026-11-21"],
      ["touch", "beta", "--kind", "call", "--summary", "Left a voicemail", "--date", "2026-11-22", "--not-meaningful"],
      ["nps", "beta", "3", "--date", "2026-11-01", "--contact", "Dee"],
      ["usage", "beta", "100", "--date", "2026-10-10"],
      ["usage", "beta", "60", "--date", "2026-11-15"],
      ["ticket", "open", "beta", "B0", "--date", "2026-10-05"],
      ["ticket", "open", "beta", "B1", "--date", "2026-11-10"],
      ["ticket", "open", "beta", "B2", "--date", "2026-11-15", "--severity", "high"],
      ["ticket", "open", "beta", "B3", "--date", "2026-11-20"],
      ["touch", "gamma", "--kind", "meeting", "--summary", "Planning", "--date", "2026-10-10"],
      ["nps", "gamma", "7", "--date", "2026-11-01"],
      ["task", "add", "gamma", "Send the roadmap deck", "--due", "2026-12-15"],
    ]
    for command in commands { try sandbox.succeed(command) }
    return sandbox
  }

  private func jsonArray(_ result: RapportResult, file: StaticString = #filePath, line: UInt = #line) throws
    -> [[String: Any]]
  {
    try XCTUnwrap(
      try parseJSON(result.stdout, file: file, line: line) as? [[String: Any]], result.stdout, file: file, line: line)
  }

  private func int(_ value: Any?) -> Int? { (value as? NSNumber)?.intValue }
  private func double(_ value: Any?) -> Double? { (value as? NSNumber)?.doubleValue }

  private func row(_ rows: [[String: Any]], _ slug: String, file: StaticString = #filePath, line: UInt = #line) throws
    -> [String: Any]
  {
    try XCTUnwrap(rows.first { $0["account"] as? String == slug }, "no \(slug) in \(rows)", file: file, line: line)
  }

  /// Checks a refusal: exit 65, one line on stderr, nothing on stdout, the journal unchanged.
  private func assertRefused(
    _ arguments: [String], mentioning word: String, in sandbox: RapportSandbox, file: StaticString = #filePath,
    line: UInt = #line
  ) throws {
    let before = try sandbox.journalBytes()
    let result = try sandbox.run(arguments)
    let command = "rapport " + arguments.joined(separator: " ")
    XCTAssertEqual(result.status, 65, "\(command): \(result.summary)", file: file, line: line)
    XCTAssertFalse(result.signalled, file: file, line: line)
    XCTAssertEqual(result.stdout, "", "\(command): \(result.summary)", file: file, line: line)
    XCTAssertEqual(result.stderrLines.count, 1, "\(command): \(result.summary)", file: file, line: line)
    XCTAssertTrue(result.stderr.contains(word), "\(command): \(result.summary)", file: file, line: line)
    XCTAssertEqual(try sandbox.journalBytes(), before, "\(command) changed the journal", file: file, line: line)
  }

  // MARK: board

  func testBoardJSONIsWorstFirstWithReasons() throws {
    let sandbox = try makeBook()
    let rows = try jsonArray(try sandbox.succeed(["board", "--format", "json"]))
    XCTAssertEqual(rows.compactMap { $0["account"] as? String }, ["beta", "delta", "gamma", "alpha"])
    XCTAssertEqual(rows.compactMap { $0["health"] as? String }, ["red", "red", "yellow", "green"])

    for row in rows {
      for field in [
        "account", "name", "owner", "tier", "stage", "health", "score", "trend", "alerts", "measures",
        "measures_with_data", "thin_data", "thin_data_note",
      ] {
        XCTAssertTrue(row.keys.contains(field), "board --format json lacks \(field): \(row)")
      }
      let trend = try XCTUnwrap(row["trend"] as? [String: Any], "\(row)")
      for field in ["previous", "change", "direction", "source", "reason"] {
        XCTAssertTrue(trend.keys.contains(field), "trend lacks \(field): \(trend)")
      }
      XCTAssertTrue(
        ["up", "down", "flat", "new"].contains(trend["direction"] as? String ?? ""), "direction: \(trend)")
      XCTAssertTrue(
        ["client", "configuration", "both", "none"].contains(trend["source"] as? String ?? ""), "source: \(trend)")
      let measures = try XCTUnwrap(row["measures"] as? [[String: Any]], "\(row)")
      XCTAssertEqual(measures.compactMap { $0["name"] as? String }, ["touch", "usage", "tickets", "nps", "criteria"])
      for measure in measures {
        for field in ["name", "value", "raw", "score", "weight"] {
          XCTAssertTrue(measure.keys.contains(field), "measure lacks \(field): \(measure)")
        }
      }
    }

    let alpha = try row(rows, "alpha")
    XCTAssertEqual(alpha["name"] as? String, "Alpha")
    XCTAssertEqual(alpha["owner"] as? String, "alice")
    XCTAssertEqual(int(alpha["tier"]), 1)
    XCTAssertEqual(alpha["stage"] as? String, "growth")
    XCTAssertEqual(int(alpha["score"]), 82, "(2500 + 1250 + 2000) / 70")
    XCTAssertEqual(int(alpha["measures_with_data"]), 3)
    XCTAssertEqual(alpha["thin_data"] as? Bool, false)
    XCTAssertTrue(alpha["thin_data_note"] is NSNull, "\(alpha)")
    // Green: no renewal-at-risk although it renews in 69 days; tier 1 without a value note for a month.
    XCTAssertEqual(alpha["alerts"] as? [String], ["value-note-overdue"])
    let alphaMeasures = try XCTUnwrap(alpha["measures"] as? [[String: Any]])
    let usage = try XCTUnwrap(alphaMeasures.first { $0["name"] as? String == "usage" })
    XCTAssertEqual(double(usage["raw"]), -20)
    XCTAssertEqual(int(usage["score"]), 50)
    XCTAssertEqual(double(usage["weight"]), 25)
    let touch = try XCTUnwrap(alphaMeasures.first { $0["name"] as? String == "touch" })
    XCTAssertEqual(double(touch["raw"]), 3)
    XCTAssertEqual(int(touch["score"]), 100)
    let tickets = try XCTUnwrap(alphaMeasures.first { $0["name"] as? String == "tickets" })
    XCTAssertTrue(tickets["raw"] is NSNull, "\(tickets)")
    XCTAssertTrue(tickets["score"] is NSNull, "\(tickets)")
    XCTAssertEqual(tickets["value"] as? String, "no data")

    let beta = try row(rows, "beta")
    XCTAssertEqual(int(beta["score"]), 0)
    let betaAlerts = Set(beta["alerts"] as? [String] ?? [])
    for alert in ["checkin-overdue", "detractor-open", "usage-drop", "ticket-spike", "value-note-overdue"] {
      XCTAssertTrue(betaAlerts.contains(alert), "beta lacks \(alert): \(betaAlerts)")
    }
    XCTAssertFalse(betaAlerts.contains("no-owner"))
    // Neither the note nor the call marked --not-meaningful counts as a check-in.
    XCTAssertEqual(int(beta["days_since_touch"]), 53)

    let gamma = try row(rows, "gamma")
    XCTAssertEqual(int(gamma["score"]), 54, "(1250 + 1200) / 45")
    XCTAssertEqual(gamma["thin_data_note"] as? String, "thin data: 2 of 5 measures")
    XCTAssertEqual(gamma["stage"] as? String, "retention")

    let delta = try row(rows, "delta")
    XCTAssertEqual(int(delta["score"]), 0, "\(delta)")
    XCTAssertEqual(delta["health"] as? String, "red")
    XCTAssertEqual(delta["thin_data_note"] as? String, "thin data: 1 of 5 measures")
    let deltaTouch = try XCTUnwrap((delta["measures"] as? [[String: Any]])?.first)
    XCTAssertEqual(deltaTouch["value"] as? String, "never touched; 83 days since signature (every 14)")
    XCTAssertTrue((delta["alerts"] as? [String] ?? []).contains("renewal-at-risk"), "\(delta)")
    XCTAssertEqual(int(delta["days_to_renewal"]), 70)
  }

  func testBoardFiltersAndCSV() throws {
    let sandbox = try makeBook()
    let cases: [(arguments: [String], expected: [String])] = [
      (["--owner", "alice"], ["gamma", "alpha"]),
      (["--owner", "bob"], ["beta", "delta"]),
      (["--owner", "nobody"], []),
      (["--tier", "2"], ["beta", "delta"]),
      (["--tier", "1"], ["alpha"]),
      (["--color", "red"], ["beta", "delta"]),
      (["--color", "Unknown"], []),
      (["--color", "green", "--owner", "bob"], []),
      (["--tier", "2", "--owner", "bob", "--color", "red"], ["beta", "delta"]),
      (["--color", "yellow"], ["gamma"]),
    ]
    for item in cases {
      let rows = try jsonArray(try sandbox.succeed(["board", "--format", "json"] + item.arguments))
      XCTAssertEqual(
        rows.compactMap { $0["account"] as? String }, item.expected, "board \(item.arguments.joined(separator: " "))")
    }

    let csv = try sandbox.succeed(["board", "--format", "csv"])
    // RFC 4180: CRLF line ends.
    XCTAssertTrue(csv.stdout.hasSuffix("\r\n"), csv.stdout)
    let lines = csv.stdout.components(separatedBy: "\r\n").filter { !$0.isEmpty }
    XCTAssertEqual(
      lines.first,
      "account,name,owner,tier,stage,health,score,trend,alerts,weakest,days_since_touch,days_to_renewal,"
        + "measures_with_data,thin_data")
    XCTAssertEqual(lines.count, 5, csv.stdout)
    XCTAssertEqual(lines.dropFirst().map { String($0.prefix { $0 != "," }) }, ["beta", "delta", "gamma", "alpha"])
    let alpha = try XCTUnwrap(lines.first { $0.hasPrefix("alpha,") }).split(
      separator: ",", omittingEmptySubsequences: false)
    XCTAssertEqual(alpha.count, 14, "\(alpha)")
    XCTAssertEqual(Array(alpha.prefix(7)), ["alpha", "Alpha", "alice", "1", "growth", "green", "82"])
    XCTAssertEqual(alpha[9], "usage", "the weakest measure")
    XCTAssertEqual(alpha[10], "3")
    XCTAssertEqual(alpha[11], "69")
    XCTAssertEqual(Array(alpha[12...]), ["3", "false"])
    let delta = try XCTUnwrap(lines.first { $0.hasPrefix("delta,") }).split(
      separator: ",", omittingEmptySubsequences: false)
    XCTAssertEqual(delta[5], "red")
    XCTAssertEqual(delta[6], "0")
    XCTAssertEqual(Array(delta[12...]), ["1", "true"])

    let text = try sandbox.succeed(["board"])
    XCTAssertTrue(text.stdout.contains("4 accounts: 2 red, 1 yellow, 1 green, 0 unknown"), text.stdout)
    let gammaLine = try XCTUnwrap(text.stdout.split(separator: "\n").first { $0.contains("Gamma") })
    XCTAssertTrue(gammaLine.contains("thin data: 2 of 5 measures"), text.stdout)

    try assertRefused(["board", "--color", "purple"], mentioning: "purple", in: sandbox)
    try assertRefused(["board", "--tier", "4"], mentioning: "--tier", in: sandbox)
  }

  // MARK: why

  func testWhyJSONIncludesPlays() throws {
    let sandbox = try makeBook()
    let why = try sandbox.succeed(["why", "beta", "--format", "json"])
    let item = try XCTUnwrap(try parseJSON(why.stdout) as? [String: Any], why.stdout)
    XCTAssertEqual(item["account"] as? String, "beta")
    XCTAssertEqual(int(item["score"]), 0)
    XCTAssertNotNil(item["measures"] as? [[String: Any]])
    let plays = try XCTUnwrap(item["plays"] as? [[String: Any]], why.stdout)
    for play in plays {
      for field in ["account", "play", "title", "owner", "due", "overdue"] {
        XCTAssertTrue(play.keys.contains(field), "why plays lack \(field): \(play)")
      }
      XCTAssertEqual(play["account"] as? String, "beta")
    }
    let detractor = try XCTUnwrap(plays.first { $0["play"] as? String == "detractor-followup" }, why.stdout)
    XCTAssertEqual(detractor["due"] as? String, "2026-11-03")
    XCTAssertEqual(detractor["overdue"] as? Bool, true)
    XCTAssertEqual(detractor["owner"] as? String, "bob")
    let checkIn = try XCTUnwrap(plays.first { $0["play"] as? String == "checkin" }, why.stdout)
    XCTAssertEqual(checkIn["due"] as? String, "2026-10-15", "the call of 2026-10-01 + 14 days")
    XCTAssertEqual(checkIn["overdue"] as? Bool, true)

    let text = try sandbox.succeed(["why", "alpha"])
    XCTAssertTrue(text.stdout.contains("health: GREEN 82/100"), text.stdout)
    XCTAssertTrue(text.stdout.contains("promoter-ask"), text.stdout)

    try assertRefused(["why", "nosuch"], mentioning: "nosuch", in: sandbox)
  }

  // MARK: due

  func testDueIsOverdueFirstAndFilters() throws {
    let sandbox = try makeBook()
    let all = try jsonArray(try sandbox.succeed(["due", "--format", "json"]))
    XCTAssertFalse(all.isEmpty)
    for play in all {
      for field in ["account", "play", "owner", "due", "overdue"] {
        XCTAssertTrue(play.keys.contains(field), "due --format json lacks \(field): \(play)")
      }
    }
    let overdueFlags = all.map { $0["overdue"] as? Bool ?? false }
    let firstOnTime = overdueFlags.firstIndex(of: false) ?? overdueFlags.count
    XCTAssertTrue(overdueFlags[..<firstOnTime].allSatisfy { $0 }, "overdue first: \(overdueFlags)")
    XCTAssertTrue(overdueFlags[firstOnTime...].allSatisfy { !$0 }, "overdue first: \(overdueFlags)")
    XCTAssertGreaterThan(firstOnTime, 0, "some plays are overdue")
    XCTAssertLessThan(firstOnTime, all.count, "some plays are not")
    let dues = all.compactMap { $0["due"] as? String }
    XCTAssertEqual(Array(dues[..<firstOnTime]), dues[..<firstOnTime].sorted(), "overdue by due day")
    XCTAssertEqual(Array(dues[firstOnTime...]), dues[firstOnTime...].sorted(), "then by due day")
    for play in all {
      let due = play["due"] as? String ?? ""
      XCTAssertEqual(play["overdue"] as? Bool, due < "2026-11-23", "\(play)")
    }

    func has(_ rows: [[String: Any]], _ account: String, _ code: String, due: String) -> Bool {
      rows.contains {
        $0["account"] as? String == account && $0["play"] as? String == code && $0["due"] as? String == due
      }
    }
    XCTAssertTrue(has(all, "beta", "detractor-followup", due: "2026-11-03"), "\(all)")
    XCTAssertTrue(has(all, "alpha", "promoter-ask", due: "2026-11-24"), "\(all)")
    XCTAssertTrue(has(all, "alpha", "checkin", due: "2026-11-27"), "\(all)")
    XCTAssertTrue(has(all, "alpha", "renewal-conversation", due: "2026-11-02"), "\(all)")
    XCTAssertTrue(has(all, "gamma", "task", due: "2026-12-15"), "\(all)")
    XCTAssertTrue(has(all, "delta", "qbr", due: "2026-12-01"), "\(all)")

    let overdue = try jsonArray(try sandbox.succeed(["due", "--overdue", "--format", "json"]))
    XCTAssertEqual(overdue.count, firstOnTime)
    XCTAssertTrue(overdue.allSatisfy { $0["overdue"] as? Bool == true })

    let soon = try jsonArray(try sandbox.succeed(["due", "--within", "7", "--format", "json"]))
    XCTAssertTrue(
      soon.allSatisfy { $0["overdue"] as? Bool == true || ($0["due"] as? String ?? "") <= "2026-11-30" }, "\(soon)")
    XCTAssertTrue(has(soon, "alpha", "checkin", due: "2026-11-27"))
    XCTAssertFalse(has(soon, "gamma", "task", due: "2026-12-15"))
    XCTAssertFalse(has(soon, "delta", "qbr", due: "2026-12-01"))
    XCTAssertEqual(soon.count, all.filter { ($0["due"] as? String ?? "") <= "2026-11-30" }.count)

    let bob = try jsonArray(try sandbox.succeed(["due", "--owner", "bob", "--format", "json"]))
    XCTAssertFalse(bob.isEmpty)
    XCTAssertTrue(bob.allSatisfy { $0["owner"] as? String == "bob" }, "\(bob)")
    XCTAssertEqual(Set(bob.compactMap { $0["account"] as? String }), ["beta", "delta"])
    XCTAssertEqual(bob.count, all.filter { $0["owner"] as? String == "bob" }.count)
  }

  // MARK: config

  func testConfigSetChangesShowAndBoard() throws {
    let sandbox = try makeBook()
    let before = try jsonArray(try sandbox.succeed(["board", "--format", "json"]))
    XCTAssertEqual(int(try row(before, "alpha")["score"]), 82)

    let set = try sandbox.succeed(["config", "set", "weight.usage", "40"])
    XCTAssertEqual(set.saved.map(\.type), ["config.set"], set.stdout)

    let settings = try jsonArray(try sandbox.succeed(["config", "show", "--format", "json"]))
    let usage = try XCTUnwrap(settings.first { $0["key"] as? String == "weight.usage" }, "\(settings)")
    XCTAssertEqual(double(usage["value"]), 40)
    XCTAssertEqual(double(usage["default"]), 25)
    XCTAssertNotNil(usage["meaning"] as? String)
    let touch = try XCTUnwrap(settings.first { $0["key"] as? String == "weight.touch" })
    XCTAssertEqual(double(touch["value"]), 25)

    let after = try jsonArray(try sandbox.succeed(["board", "--format", "json"]))
    XCTAssertEqual(int(try row(after, "alpha")["score"]), 76, "(2500 + 2000 + 2000) / 85")
    XCTAssertEqual(int(try row(after, "beta")["score"]), 0)
    let alphaUsage = try XCTUnwrap(
      (try row(after, "alpha")["measures"] as? [[String: Any]])?.first { $0["name"] as? String == "usage" })
    XCTAssertEqual(double(alphaUsage["weight"]), 40)

    try assertRefused(["config", "set", "nope", "1"], mentioning: "nope", in: sandbox)
    try assertRefused(["config", "set", "weight.usage", "500"], mentioning: "weight.usage", in: sandbox)
    try assertRefused(["config", "set", "weight.usage", "lots"], mentioning: "lots", in: sandbox)
    let unchanged = try jsonArray(try sandbox.succeed(["config", "show", "--format", "json"]))
    XCTAssertEqual(double(unchanged.first { $0["key"] as? String == "weight.usage" }?["value"]), 40)
  }
}
