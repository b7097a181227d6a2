import Foundation
import XCTest

/// `rapport export`: the same field names as the read commands, a calendar that a real iCalendar parser
/// reads, and a round trip through `import`.
final class ExportCommandTests: RapportCLITestCase {
  /// A new journal with Acme (a Unicode name holding a comma and quotes, every field set) and Globex.
  private func addAcmeAndGlobex(to sandbox: RapportSandbox) throws {
    try sandbox.succeed(["init"])
    try sandbox.succeed([
      "account", "add", "acme", "--name", "Acme, \"Corp\" 株式会社", "--tier", "1", "--owner", "alice", "--signed",
      "2026-01-15", "--renewal", "2027-01-15", "--value", "120000.50", "--stage", "growth", "--manager", "bob",
    ])
    try sandbox.succeed(["account", "add", "globex", "--name", "Globex", "--tier", "2", "--renewal", "2027-01-10"])
  }

  /// A small book: three accounts (one unowned, one with a Unicode name holding a comma and quotes),
  /// touchpoints, a task, a scheduled QBR, usage and an NPS answer.
  private func bookSandbox() throws -> RapportSandbox {
    let sandbox = try makeSandbox()
    try addAcmeAndGlobex(to: sandbox)
    try sandbox.succeed(["account", "add", "initech", "--name", "Initech", "--tier", "3", "--owner", "carol"])
    try sandbox.succeed([
      "touch", "acme", "--kind", "call", "--summary", "Budget; next year, maybe", "--date=-3d", "--with",
      "Dana Lee,Sam", "--follow-up", "Send the proposal", "--due", "+2d",
    ])
    try sandbox.succeed(["touch", "initech", "--kind", "note", "--summary", "Quiet", "--date=-40d"])
    try sandbox.succeed(["qbr", "acme", "2026-12-10"])
    try sandbox.succeed(["usage", "acme", "120", "--date=-5d"])
    try sandbox.succeed(["nps", "acme", "4", "--contact", "Dana Lee", "--comment", "Slow"])
    return sandbox
  }

  private func csvHeader(_ text: String) -> String { String(text.prefix { $0 != "\r\n" && $0 != "\n" }) }

  func testAccountsCSVAndJSONUseTheFieldNamesOfAccountList() throws {
    let sandbox = try bookSandbox()
    let listed = try XCTUnwrap(
      try parseJSON(try sandbox.succeed(["account", "list", "--format", "json"]).stdout) as? [[String: Any]])
    let exported = try XCTUnwrap(
      try parseJSON(try sandbox.succeed(["export", "accounts", "--format", "json"]).stdout) as? [[String: Any]])
    XCTAssertEqual(exported.map { $0["account"] as? String }, ["acme", "globex", "initech"], "creation order")
    XCTAssertEqual(
      Dictionary(uniqueKeysWithValues: exported.map { ($0["account"] as? String ?? "", NSDictionary(dictionary: $0)) }),
      Dictionary(uniqueKeysWithValues: listed.map { ($0["account"] as? String ?? "", NSDictionary(dictionary: $0)) }))

    let csv = try sandbox.succeed(["export", "accounts"]).stdout
    XCTAssertEqual(
      csvHeader(csv), "account,name,tier,stage,owner,manager,signed,renewal,value,last_touch,open_tasks")
    XCTAssertTrue(
      csv.contains("\r\nacme,\"Acme, \"\"Corp\"\" 株式会社\",1,growth,alice,bob,2026-01-15,2027-01-15,120000.5,"), csv)
    XCTAssertTrue(csv.contains("\r\nglobex,Globex,2,onboarding,,,,2027-01-10,,,0\r\n"), csv)
  }

  func testBoardAndDueExportsMatchTheReadCommands() throws {
    let sandbox = try bookSandbox()
    for (read, export) in [
      (["board", "--format", "json"], ["export", "board", "--format", "json"]),
      (["board", "--format", "csv"], ["export", "board", "--format", "csv"]),
      (["due", "--format", "json"], ["export", "due", "--format", "json"]),
      (["due", "--format", "csv"], ["export", "due"]),
      (
        ["board", "--format", "json", "--owner", "alice"], ["export", "board", "--format", "json", "--owner", "alice"]
      ),
    ] {
      XCTAssertEqual(
        try sandbox.succeed(export).stdout, try sandbox.succeed(read).stdout, export.joined(separator: " "))
    }
  }

  func testTimelineAndTouchpoints() throws {
    let sandbox = try bookSandbox()
    let timeline = try XCTUnwrap(
      try parseJSON(try sandbox.succeed(["export", "timeline", "--format", "json"]).stdout) as? [[String: Any]])
    let acmeTimeline = try XCTUnwrap(
      try parseJSON(try sandbox.succeed(["timeline", "acme", "--format", "json"]).stdout) as? [[String: Any]])
    // The same entries as `timeline acme`, each with its account in front.
    let exportedAcme = timeline.filter { $0["account"] as? String == "acme" }.map { entry -> NSDictionary in
      var copy = entry
      copy["account"] = nil
      return NSDictionary(dictionary: copy)
    }
    XCTAssertEqual(exportedAcme, acmeTimeline.map { NSDictionary(dictionary: $0) })
    XCTAssertEqual(Set(timeline.compactMap { $0["account"] as? String }), ["acme", "globex", "initech"])

    let touchpoints = try sandbox.succeed(["export", "touchpoints", "--account", "acme"]).stdout
    XCTAssertEqual(csvHeader(touchpoints), "account,seq,date,kind,summary,outcome,with,meaningful,by,amended,retracted")
    XCTAssertTrue(
      touchpoints.contains(
        "acme,5,2026-11-20,call,\"Budget; next year, maybe\",,\"Dana Lee, Sam\",true,alice,false,false"),
      touchpoints)
    let json = try XCTUnwrap(
      try parseJSON(try sandbox.succeed(["export", "touchpoints", "--format", "json"]).stdout) as? [[String: Any]])
    XCTAssertEqual(json.count, 2)
    XCTAssertEqual(json.first?["with"] as? [String], ["Dana Lee", "Sam"])
  }

  func testOutputFileAndBadUsage() throws {
    let sandbox = try bookSandbox()
    let path = sandbox.path("out/accounts.csv")
    try FileManager.default.createDirectory(atPath: sandbox.path("out"), withIntermediateDirectories: true)
    let result = try sandbox.succeed(["export", "accounts", "-o", path])
    XCTAssertEqual(result.stdout, "")
    XCTAssertTrue(String(decoding: sandbox.bytes(of: path) ?? [], as: UTF8.self).hasPrefix("account,name,"))
    XCTAssertEqual(try sandbox.run(["export", "calendar", "--format", "json"]).status, 64)
    XCTAssertEqual(try sandbox.run(["export", "deals"]).status, 64)
    XCTAssertEqual(try sandbox.run(["export", "timeline", "--account", "nobody"]).status, 65)
    XCTAssertEqual(try sandbox.run(["export", "accounts", "-o", sandbox.path("no/such/dir/x.csv")]).status, 74)
  }

  // MARK: Calendar

  /// Where python3 is on the test runner's PATH (the one Scripts/ensure-deps.sh gave icalendar to).
  private func python() throws -> String {
    let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
    for directory in path.split(separator: ":") {
      let candidate = "\(directory)/python3"
      if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
    }
    // `make test` installs python3 and icalendar when missing (Scripts/ensure-deps.sh): absent is a failure.
    struct PythonMissing: Error, CustomStringConvertible {
      var description: String { "python3 is not on PATH: run the tests through `make test`" }
    }
    throw PythonMissing()
  }

  func testCalendarReadsWithARealICalendarParser() throws {
    let sandbox = try bookSandbox()
    let path = sandbox.path("rapport.ics")
    try sandbox.succeed(["export", "calendar", "-o", path])
    let due = try XCTUnwrap(try parseJSON(try sandbox.succeed(["due", "--format", "json"]).stdout) as? [[String: Any]])
    let script = sandbox.path("read.py")
    try sandbox.write(
      Array(
        """
        import json, sys
        try:
            import icalendar
        except ImportError:
            print("icalendar missing: run bash Scripts/ensure-deps.sh"); sys.exit(3)
        raw = open(sys.argv[1], "rb").read()
        cal = icalendar.Calendar.from_ical(raw)
        out = {"version": str(cal.get("VERSION")), "prodid": str(cal.get("PRODID")), "items": []}
        for c in cal.walk():
            if c.name not in ("VEVENT", "VTODO"):
                continue
            item = {"type": c.name, "uid": str(c.get("UID")), "summary": str(c.get("SUMMARY")),
                    "stamp": c.decoded("DTSTAMP").isoformat(), "categories": c.get("CATEGORIES").to_ical().decode()}
            if c.get("DUE") is not None: item["due"] = c.decoded("DUE").isoformat()
            if c.get("DTSTART") is not None: item["start"] = c.decoded("DTSTART").isoformat()
            out["items"].append(item)
        lines = raw.split(b"\\r\\n")
        out["longest"] = max(len(l) for l in lines)
        out["bare_lf"] = raw.replace(b"\\r\\n", b"").count(b"\\n")
        print(json.dumps(out))
        """.utf8), to: script)
    let parsed = try sandbox.start(executable: try python(), [script, path]).finish()
    XCTAssertEqual(parsed.status, 0, parsed.summary)
    let calendar = try XCTUnwrap(try parseJSON(parsed.stdout) as? [String: Any])
    XCTAssertEqual(calendar["version"] as? String, "2.0")
    XCTAssertLessThanOrEqual(calendar["longest"] as? Int ?? 999, 75, "lines folded at 75 octets")
    XCTAssertEqual(calendar["bare_lf"] as? Int, 0, "CRLF everywhere")
    let items = try XCTUnwrap(calendar["items"] as? [[String: Any]])
    let todos = items.filter { $0["type"] as? String == "VTODO" }
    let events = items.filter { $0["type"] as? String == "VEVENT" }
    XCTAssertEqual(todos.count, due.count, "one to-do per open play")
    XCTAssertEqual(events.count, 1, "one event per scheduled QBR")
    XCTAssertEqual(events.first?["summary"] as? String, "QBR: Acme, \"Corp\" 株式会社")
    XCTAssertEqual(events.first?["start"] as? String, "2026-12-10")
    XCTAssertEqual(Set(items.compactMap { $0["uid"] as? String }).count, items.count, "unique UIDs")
    XCTAssertTrue(items.allSatisfy { ($0["stamp"] as? String)?.hasSuffix("+00:00") == true }, "DTSTAMP in UTC")
    let task = try XCTUnwrap(todos.first { $0["categories"] as? String == "task" })
    XCTAssertEqual(task["summary"] as? String, "Acme, \"Corp\" 株式会社: Send the proposal")
    XCTAssertEqual(task["due"] as? String, "2026-11-25")
    XCTAssertEqual(
      Set(todos.compactMap { $0["due"] as? String }), Set(due.compactMap { $0["due"] as? String }),
      "each play's due day")

    // As events, for calendars that ignore to-dos.
    try sandbox.succeed(["export", "calendar", "--plays", "events", "-o", path])
    let asEvents = try sandbox.start(executable: try python(), [script, path]).finish()
    let eventItems = try XCTUnwrap((try parseJSON(asEvents.stdout) as? [String: Any])?["items"] as? [[String: Any]])
    XCTAssertEqual(eventItems.filter { $0["type"] as? String == "VEVENT" }.count, due.count + 1)
  }

  // MARK: Round trip

  func testAccountsExportedAndImportedIntoAnEmptyJournalGiveTheSameBoard() throws {
    let original = try makeSandbox()
    try addAcmeAndGlobex(to: original)
    try original.succeed([
      "account", "add", "initech", "--name", "Initech\nLabs", "--tier", "3", "--owner", "carol", "--stage", "churned",
      "--signed", "2026-11-01",
    ])
    try original.succeed(["account", "add", "umbrella", "--name", "Umbrella", "--tier", "1", "--value", "9k"])
    let file = original.path("accounts.csv")
    try original.succeed(["export", "accounts", "-o", file])

    let copy = try makeSandbox()
    try copy.succeed(["init"])
    let imported = try copy.run(["import", "accounts", file])
    XCTAssertEqual(imported.status, 0, imported.summary)
    XCTAssertTrue(imported.stdout.contains("added 4"), imported.summary)
    for format in ["json", "csv"] {
      XCTAssertEqual(
        try copy.succeed(["board", "--format", format]).stdout,
        try original.succeed(["board", "--format", format]).stdout, format)
    }
    XCTAssertEqual(
      try copy.succeed(["export", "accounts", "--format", "json"]).stdout,
      try original.succeed(["export", "accounts", "--format", "json"]).stdout)
    // And importing it again changes nothing.
    let journal = try copy.journalBytes()
    try copy.succeed(["import", "accounts", file])
    XCTAssertEqual(try copy.journalBytes(), journal)
  }
}
