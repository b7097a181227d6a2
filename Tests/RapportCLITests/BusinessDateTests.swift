import Foundation
import RapportDomain
import RapportJournal
import XCTest

/// Every event on the day it happened, through the real binary: back-dated writes, dates after today
/// refused, churn in its own quarter with its reason, owners judged on their own time, journals written
/// before business dates, and output that does not depend on the wall clock.
final class BusinessDateTests: RapportCLITestCase {
  private func plays(_ sandbox: RapportSandbox, owner: String? = nil) throws -> [[String: Any]] {
    let result = try sandbox.succeed(["due", "--format", "json"] + (owner.map { ["--owner", $0] } ?? []))
    return try XCTUnwrap(try parseJSON(result.stdout) as? [[String: Any]], result.stdout)
  }

  private func lastRecordData(_ sandbox: RapportSandbox) throws -> [String: Any] {
    let lines = try JournalFile.lines(try sandbox.journalBytes())
    return try XCTUnwrap(try XCTUnwrap(lines.last).object["data"] as? [String: Any])
  }

  func testABackDatedHandoffAndOwnerChangeAreDatedTheirDayAndNoPlayIsLateAtOnce() throws {
    let sandbox = try makeSandbox()
    try sandbox.succeed(["init"])
    try sandbox.succeed([
      "account", "add", "acme", "--name", "Acme", "--tier", "2", "--owner", "bob", "--signed", "2026-06-01",
      "--date", "2026-06-01",
    ])
    XCTAssertEqual(try lastRecordData(sandbox)["date"] as? String, "2026-06-01", "the business date is in the data")
    try sandbox.succeed(["owner", "acme", "carol", "--date", "2026-09-01"])
    XCTAssertEqual(try lastRecordData(sandbox)["date"] as? String, "2026-09-01")
    // Entered today (2026-11-23) for last Monday, with the relative date after a space.
    try sandbox.succeed(["handoff", "acme", "--to", "dana", "--note", "new region", "--date", "-7d"])
    XCTAssertEqual(try lastRecordData(sandbox)["date"] as? String, "2026-11-16")

    let handoff = try XCTUnwrap(try plays(sandbox).first { $0["play"] as? String == "handoff-call" })
    XCTAssertEqual(handoff["due"] as? String, "2026-11-30", "14 days from the handoff's own day")
    XCTAssertEqual(handoff["overdue"] as? Bool, false, "not late the moment it is entered")

    let timeline = try sandbox.succeed(["timeline", "acme", "--format", "json"])
    let entries = try XCTUnwrap(try parseJSON(timeline.stdout) as? [[String: Any]])
    let days = entries.map { "\($0["kind"] ?? "?") \($0["date"] ?? "?")" }
    XCTAssertEqual(days, ["handoff 2026-11-16", "owner 2026-09-01", "account 2026-06-01"], timeline.stdout)
  }

  func testWhatHappenedIsNeverDatedAfterTodayNorOutsideTheAcceptedYears() throws {
    let sandbox = try makeSandbox()
    try sandbox.initWithAcme()
    let before = try sandbox.journalBytes()
    let refused: [[String]] = [
      ["touch", "acme", "--kind", "call", "--summary", "Tomorrow's call", "--date", "2026-11-24"],
      ["nps", "acme", "9", "--date", "tomorrow"],
      ["usage", "acme", "12", "--date", "+1d"],
      ["ticket", "open", "acme", "T-1", "--date", "2026-12-01"],
      ["stage", "acme", "growth", "--date", "2026-11-30"],
      ["owner", "acme", "bob", "--date", "2027-01-01"],
      ["account", "add", "globex", "--name", "Globex", "--tier", "2", "--date", "+1w"],
      ["value", "acme", "Saved a week", "--date", "2026-11-24"],
    ]
    for arguments in refused {
      let result = try sandbox.run(arguments)
      XCTAssertEqual(result.status, 65, "\(arguments): \(result.summary)")
      XCTAssertTrue(
        result.stderr.contains("is in the future (today is 2026-11-23)"), "\(arguments): \(result.stderr)")
    }
    let tooOld = try sandbox.run(["touch", "acme", "--kind", "call", "--summary", "x", "--date", "1989-12-31"])
    XCTAssertEqual(tooOld.status, 65)
    XCTAssertTrue(tooOld.stderr.contains("from 1990-01-01 to 2100-12-31"), tooOld.stderr)
    let tooFar = try sandbox.run(["task", "add", "acme", "Far off", "--due", "2101-01-01"])
    XCTAssertEqual(tooFar.status, 65)
    XCTAssertTrue(tooFar.stderr.contains("from 1990-01-01 to 2100-12-31"), tooFar.stderr)
    XCTAssertEqual(try sandbox.journalBytes(), before, "nothing written")

    // What lies ahead by nature may: a task due, a QBR, a renewal.
    try sandbox.succeed(["task", "add", "acme", "Send the deck", "--due", "+2w"])
    try sandbox.succeed(["qbr", "acme", "2027-01-15"])
    try sandbox.succeed(["account", "set", "acme", "--renewal", "2027-06-30"])
    // `--date -3d` and `--date=-3d` mean the same day.
    try sandbox.succeed(["touch", "acme", "--kind", "call", "--summary", "Spaced", "--date", "-3d"])
    XCTAssertEqual(try lastRecordData(sandbox)["date"] as? String, "2026-11-20")
    try sandbox.succeed(["touch", "acme", "--kind", "call", "--summary", "Joined", "--date=-3d"])
    XCTAssertEqual(try lastRecordData(sandbox)["date"] as? String, "2026-11-20")
  }

  func testATodayAfterTheClocksDateOnlyReads() throws {
    let sandbox = try makeSandbox()
    try sandbox.initWithAcme()
    let before = try sandbox.journalBytes()
    let faketime = try XCTUnwrap(
      ["/usr/bin/faketime", "/usr/local/bin/faketime"].first { FileManager.default.isExecutableFile(atPath: $0) },
      "faketime is missing: make test installs it (apt-get install faketime)")
    // The sandbox's today is 2026-11-23; the clock is moved back before it.
    // The binary itself, not the test clock's wrapper (`make test-clock` would set its own clock inside).
    let binary = sandbox.realBinary
    let script = "\"\(faketime)\" '2026-11-20 09:00:00' '\(binary)' touch acme --summary 'Not yet'"
    let write = try sandbox.shell(script)
    XCTAssertEqual(write.status, 65, write.summary)
    XCTAssertTrue(write.stderr.contains("after the clock's date 2026-11-20"), write.stderr)
    XCTAssertEqual(try sandbox.journalBytes(), before, "nothing written")
    let read = try sandbox.shell("\"\(faketime)\" '2026-11-20 09:00:00' '\(binary)' due --format json")
    XCTAssertEqual(read.status, 0, read.summary)
  }

  func testAChurnEnteredLateLandsInItsOwnQuarterWithItsReasonAndStaysItsOwnersChurn() throws {
    let sandbox = try makeSandbox()
    try sandbox.succeed(["init"])
    for (slug, owner) in [("acme", "bob"), ("globex", "bob"), ("initech", "alice")] {
      try sandbox.succeed([
        "account", "add", slug, "--name", slug.capitalized, "--tier", "2", "--owner", owner, "--stage", "growth",
        "--signed", "2026-01-05", "--value", "100k", "--date", "2026-01-05",
      ])
    }
    // Entered in November, for a churn in September, while bob owned acme; acme went to alice afterwards.
    try sandbox.succeed(["stage", "acme", "churned", "--reason", "budget cut", "--date", "2026-09-20"])
    XCTAssertEqual(try lastRecordData(sandbox)["reason"] as? String, "budget cut")
    try sandbox.succeed(["handoff", "acme", "--to", "alice", "--date", "2026-10-05"])
    // A response in bob's time on globex, then globex handed to alice: the response stays bob's.
    try sandbox.succeed(["nps", "globex", "10", "--date", "2026-10-10"])
    try sandbox.succeed(["handoff", "globex", "--to", "alice", "--date", "2026-11-02"])

    let result = try sandbox.succeed(["report", "--period", "quarter", "--by", "owner", "--format", "json"])
    let report = try XCTUnwrap(try parseJSON(result.stdout) as? [String: Any], result.stdout)
    let churn = try XCTUnwrap(report["churn"] as? [[String: Any]], result.stdout)
    XCTAssertEqual(churn.count, 1, result.stdout)
    XCTAssertEqual(churn.first?["period"] as? String, "2026-Q3", "the quarter it happened in, not when entered")
    XCTAssertEqual(churn.first?["reason"] as? String, "budget cut")
    XCTAssertEqual(churn.first?["accounts"] as? [String], ["acme"])
    XCTAssertEqual((churn.first?["value"] as? NSNumber)?.doubleValue, 100_000)

    func figure(_ group: String, _ metric: String, _ period: String) throws -> (value: Double?, basis: Int) {
      let groups = try XCTUnwrap(report["groups"] as? [[String: Any]])
      let found = try XCTUnwrap(groups.first { $0["group"] as? String == group }, "no group \(group)")
      let metrics = try XCTUnwrap(found["metrics"] as? [[String: Any]])
      let row = try XCTUnwrap(metrics.first { $0["metric"] as? String == metric })
      let values = try XCTUnwrap(row["values"] as? [[String: Any]])
      let cell = try XCTUnwrap(values.first { $0["period"] as? String == period }, "no period \(period)")
      return ((cell["value"] as? NSNumber)?.doubleValue, (cell["basis"] as? NSNumber)?.intValue ?? -1)
    }
    let bobQ3 = try figure("bob", "retention", "2026-Q3")
    XCTAssertEqual(bobQ3.value, 50, "bob kept one of his two clients in Q3")
    XCTAssertEqual(bobQ3.basis, 2)
    XCTAssertEqual(try figure("alice", "retention", "2026-Q3").basis, 1, "alice had only initech then")
    XCTAssertEqual(try figure("alice", "retention", "2026-Q3").value, 100, "the churn is not alice's")
    XCTAssertEqual(try figure("bob", "nps", "2026-Q4").basis, 1, "the October response counts for bob")
    XCTAssertNil(try figure("alice", "nps", "2026-Q4").value, "not for alice, who owns globex now")

    let text = try sandbox.succeed(["report", "--period", "quarter"])
    XCTAssertTrue(text.stdout.contains("2026-Q3: budget cut — 1 client, 100k (acme)"), text.stdout)
  }

  func testAJournalWrittenBeforeBusinessDatesStillReads() throws {
    let sandbox = try makeSandbox()
    // Records as Rapport wrote them before every event carried its day: no `date` on the account, the
    // owner change or the stage change, which are dated by the local day of their `at`.
    func at(_ text: String) -> Timestamp {
      Timestamp(milliseconds: Int64(Day(iso: text)!.number) * 86_400_000 + 36_000_000)
    }
    _ = try Journal.create(at: sandbox.journalPath, by: "alice", at: at("2026-03-01")) { writer in
      try writer.append(
        EventDraft(
          type: "account.created", account: "acme",
          data: JSONObject([
            ("name", .string("Acme")), ("tier", .number(1)), ("stage", .string("onboarding")),
            ("owner", .string("bob")),
          ])), at: at("2026-03-02"), by: "alice")
      try writer.append(
        EventDraft(type: "owner.assigned", account: "acme", data: JSONObject([("owner", .string("carol"))])),
        at: at("2026-04-10"), by: "alice")
      try writer.append(
        EventDraft(
          type: "stage.changed", account: "acme",
          data: JSONObject([("stage", .string("growth")), ("previous", .string("onboarding"))])),
        at: at("2026-05-20"), by: "alice")
      try writer.append(
        EventDraft(
          type: "touchpoint.logged", account: "acme",
          data: JSONObject([
            ("kind", .string("call")), ("date", .string("2026-05-18")), ("summary", .string("Old call")),
            ("meaningful", .bool(true)),
          ])), at: at("2026-05-20"), by: "alice")
    }
    let before = try sandbox.journalBytes()
    let timeline = try sandbox.succeed(["timeline", "acme", "--format", "json"])
    let entries = try XCTUnwrap(try parseJSON(timeline.stdout) as? [[String: Any]])
    XCTAssertEqual(
      entries.map { "\($0["kind"] ?? "?") \($0["date"] ?? "?")" },
      ["stage 2026-05-20", "touchpoint 2026-05-18", "owner 2026-04-10", "account 2026-03-02"], timeline.stdout)
    let verify = try sandbox.run(["verify"])
    XCTAssertEqual(verify.status, 0, verify.summary)
    XCTAssertEqual(try sandbox.journalBytes(), before, "read, never rewritten")
    // And a new write beside the old records carries its date.
    try sandbox.succeed(["stage", "acme", "retention", "--date", "2026-11-01"])
    XCTAssertEqual(try lastRecordData(sandbox)["date"] as? String, "2026-11-01")
  }

  func testReadingCommandsPrintTheSameBytesUnderAnyWallClock() throws {
    let faketime = try XCTUnwrap(
      ["/usr/bin/faketime", "/usr/local/bin/faketime"].first { FileManager.default.isExecutableFile(atPath: $0) },
      "faketime is missing: make test installs it (apt-get install faketime)")
    let sandbox = try makeSandbox()
    try sandbox.succeed(["init"])
    try sandbox.succeed([
      "account", "add", "acme", "--name", "Acme", "--tier", "1", "--owner", "bob", "--signed", "2026-02-01",
      "--renewal", "2027-02-01", "--value", "80k", "--date", "2026-02-01",
    ])
    try sandbox.succeed(["touch", "acme", "--kind", "call", "--summary", "Check-in", "--date", "2026-11-02"])
    try sandbox.succeed(["nps", "acme", "4", "--date", "2026-11-10"])
    try sandbox.succeed(["handoff", "acme", "--to", "carol", "--date", "2026-11-12"])
    for command in [
      ["board", "--format", "json"], ["due", "--format", "json"], ["report", "--format", "json"],
      ["timeline", "acme"], ["export", "calendar"], ["why", "acme"], ["account", "show", "acme", "--format", "json"],
      ["export", "touchpoints", "--format", "csv"], ["standup", "--agenda"],
    ] {
      var outputs: [String] = []
      for clock in ["2026-11-23 09:00:00", "2031-07-01 12:00:00", "2024-02-29 23:30:00"] {
        let script = "\"\(faketime)\" '\(clock)' \"$RAPPORT\" --no-checkpoint " + command.joined(separator: " ")
        let result = try sandbox.shell(script)
        XCTAssertEqual(result.status, 0, "\(command) at \(clock): \(result.summary)")
        outputs.append(result.stdout)
      }
      XCTAssertFalse(outputs[0].isEmpty, "\(command) printed nothing")
      XCTAssertEqual(
        Set(outputs).count, 1, "\(command) depends on the wall clock:\n\(outputs.joined(separator: "\n---\n"))")
    }
  }
}
