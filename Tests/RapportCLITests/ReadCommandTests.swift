import Foundation
import XCTest

/// `account list`, `account show` and `timeline`: their JSON, corrections, and text that is safe and
/// aligned in a terminal whatever the names contain.
final class ReadCommandTests: RapportCLITestCase {
  func testAccountListAndShowAsJSON() throws {
    let sandbox = try makeSandbox()
    try sandbox.initWithAcme()
    try sandbox.succeed([
      "account", "add", "globex", "--name", "Globex Corp", "--tier", "2", "--stage", "growth", "--owner", "bob",
      "--renewal", "2027-03-01", "--value", "120k",
    ])
    try sandbox.succeed(["touch", "globex", "--kind", "call", "--summary", "Roadmap review", "--date", "2026-11-20"])

    let list = try sandbox.succeed(["account", "list", "--format", "json"])
    let accounts = try XCTUnwrap(try parseJSON(list.stdout) as? [[String: Any]], list.stdout)
    XCTAssertEqual(accounts.count, 2)
    for account in accounts {
      for field in ["account", "name", "tier", "stage", "owner", "renewal", "value", "last_touch"] {
        XCTAssertTrue(account.keys.contains(field), "account list --format json lacks \(field): \(account)")
      }
    }
    let globex = try XCTUnwrap(accounts.first { $0["account"] as? String == "globex" })
    XCTAssertEqual(globex["name"] as? String, "Globex Corp")
    XCTAssertEqual((globex["tier"] as? NSNumber)?.intValue, 2)
    XCTAssertEqual(globex["stage"] as? String, "growth")
    XCTAssertEqual(globex["owner"] as? String, "bob")
    XCTAssertEqual(globex["renewal"] as? String, "2027-03-01")
    XCTAssertEqual((globex["value"] as? NSNumber)?.intValue, 120_000)
    XCTAssertEqual(globex["last_touch"] as? String, "2026-11-20")
    let acme = try XCTUnwrap(accounts.first { $0["account"] as? String == "acme" })
    XCTAssertEqual(acme["name"] as? String, "Acme")
    XCTAssertEqual((acme["tier"] as? NSNumber)?.intValue, 1)
    XCTAssertEqual(acme["stage"] as? String, "onboarding")
    XCTAssertTrue(acme["owner"] is NSNull, "acme has no owner: \(acme)")
    XCTAssertTrue(acme["renewal"] is NSNull)
    XCTAssertTrue(acme["value"] is NSNull)
    XCTAssertTrue(acme["last_touch"] is NSNull)

    let show = try sandbox.succeed(["account", "show", "globex", "--format", "json"])
    let shown = try XCTUnwrap(try parseJSON(show.stdout) as? [String: Any], show.stdout)
    XCTAssertEqual(shown["account"] as? String, "globex")
    XCTAssertEqual(shown["name"] as? String, "Globex Corp")
    XCTAssertEqual((shown["tier"] as? NSNumber)?.intValue, 2)
    XCTAssertEqual(shown["owner"] as? String, "bob")
    XCTAssertEqual(shown["renewal"] as? String, "2027-03-01")
    XCTAssertEqual(shown["last_touch"] as? String, "2026-11-20")
  }

  func testTimelineIsNewestFirstHidesRetractedEntriesAndShowsAmendments() throws {
    let sandbox = try makeSandbox()
    try sandbox.initWithAcme()
    let old = try sandbox.succeed([
      "touch", "acme", "--kind", "meeting", "--summary", "Old summary", "--date", "2026-11-20",
    ])
    XCTAssertEqual(old.saved.map(\.seq), [3])
    try sandbox.succeed(["nps", "acme", "8", "--date", "2026-11-12"])  // #4
    // #5
    try sandbox.succeed(["touch", "acme", "--kind", "call", "--summary", "To be withdrawn", "--date", "2026-11-15"])
    try sandbox.succeed(["amend", "3", "--summary", "New summary"])  // #6
    try sandbox.succeed(["retract", "5", "--reason", "wrong account"])  // #7

    let timeline = try sandbox.succeed(["timeline", "acme", "--format", "json"])
    let entries = try XCTUnwrap(try parseJSON(timeline.stdout) as? [[String: Any]], timeline.stdout)
    for entry in entries {
      for field in ["seq", "kind", "title", "retracted"] {
        XCTAssertTrue(entry.keys.contains(field), "timeline --format json lacks \(field): \(entry)")
      }
    }
    // Newest first by the entries' dates (the account was created today, 2026-11-23), then by seq.
    let seqs = entries.compactMap { ($0["seq"] as? NSNumber)?.intValue }
    XCTAssertEqual(seqs, [2, 3, 4], "newest first, without the retracted #5: \(timeline.stdout)")
    let dates = entries.compactMap { $0["date"] as? String }
    XCTAssertEqual(dates, ["2026-11-23", "2026-11-20", "2026-11-12"], timeline.stdout)
    XCTAssertTrue(entries.allSatisfy { $0["retracted"] as? Bool == false })
    let amended = try XCTUnwrap(entries.first { ($0["seq"] as? NSNumber)?.intValue == 3 })
    XCTAssertEqual(amended["kind"] as? String, "touchpoint")
    let title = try XCTUnwrap(amended["title"] as? String)
    XCTAssertTrue(title.contains("New summary"), title)
    XCTAssertFalse(title.contains("Old summary"), title)

    let all = try sandbox.succeed(["timeline", "acme", "--all", "--format", "json"])
    let allEntries = try XCTUnwrap(try parseJSON(all.stdout) as? [[String: Any]], all.stdout)
    XCTAssertEqual(allEntries.compactMap { ($0["seq"] as? NSNumber)?.intValue }, [2, 3, 5, 4])
    let retracted = try XCTUnwrap(allEntries.first { ($0["seq"] as? NSNumber)?.intValue == 5 })
    XCTAssertEqual(retracted["retracted"] as? Bool, true)
    XCTAssertTrue((retracted["title"] as? String)?.contains("To be withdrawn") == true)

    let text = try sandbox.succeed(["timeline", "acme"])
    XCTAssertTrue(text.stdout.contains("New summary"), text.stdout)
    XCTAssertFalse(text.stdout.contains("Old summary"), text.stdout)
    XCTAssertFalse(text.stdout.contains("To be withdrawn"), text.stdout)
    let allText = try sandbox.succeed(["timeline", "acme", "--all"])
    XCTAssertTrue(allText.stdout.contains("To be withdrawn"), allText.stdout)
    XCTAssertTrue(allText.stdout.contains("RETRACTED"), allText.stdout)

    // The journal itself still holds the original summary and the retracted entry: nothing in place.
    let lines = try JournalFile.lines(try sandbox.journalBytes())
    XCTAssertEqual(lines[2].data?["summary"] as? String, "Old summary")
    XCTAssertEqual(lines[4].data?["summary"] as? String, "To be withdrawn")
  }

  func testHostileNamesNeverReachTheTerminalRawButStayInTheJournal() throws {
    let sandbox = try makeSandbox()
    try sandbox.initWithAcme()
    let hostile = "Evil\u{1b}]52;c;aGk=\u{07}Corp\u{202E}gnp.exe"
    try sandbox.succeed(["account", "add", "evil", "--name", hostile, "--tier", "3", "--owner", "bob"])
    try sandbox.succeed(["touch", "evil", "--kind", "call", "--summary", "Hi \u{1b}[2J\u{1b}c there"])

    for arguments in [
      ["account", "list"], ["account", "show", "evil"], ["timeline", "evil"], ["account", "list", "--format", "json"],
    ] {
      let result = try sandbox.succeed(arguments)
      XCTAssertFalse(
        result.stdoutBytes.contains(0x1B), "\(arguments): an ESC byte reached stdout: \(result.stdout.debugDescription)"
      )
      XCTAssertFalse(
        result.stdoutBytes.contains(0x07), "\(arguments): a BEL byte reached stdout: \(result.stdout.debugDescription)")
      if !arguments.contains("json") {
        XCTAssertFalse(
          result.stdout.unicodeScalars.contains("\u{202E}"), "\(arguments): a bidi override reached stdout")
      }
    }
    let list = try sandbox.succeed(["account", "list"])
    XCTAssertTrue(list.stdout.contains("Evil"), list.stdout)

    // JSON output carries the exact name, escaped.
    let json = try sandbox.succeed(["account", "list", "--format", "json"])
    let accounts = try XCTUnwrap(try parseJSON(json.stdout) as? [[String: Any]])
    XCTAssertEqual(accounts.first { $0["account"] as? String == "evil" }?["name"] as? String, hostile)

    // The journal keeps the original text.
    let lines = try JournalFile.lines(try sandbox.journalBytes())
    let created = try XCTUnwrap(lines.first { $0.type == "account.created" && $0.account == "evil" })
    XCTAssertEqual(created.data?["name"] as? String, hostile)
  }

  func testWideCharactersKeepTheColumnsAligned() throws {
    let sandbox = try makeSandbox()
    try sandbox.succeed(["init"])
    try sandbox.succeed(["account", "add", "plain", "--name", "Plain Co", "--tier", "1", "--owner", "dave"])
    try sandbox.succeed(["account", "add", "tokyo", "--name", "株式会社東京", "--tier", "2", "--owner", "carol"])
    try sandbox.succeed(["account", "add", "seoul", "--name", "서울 한글 상사", "--tier", "3", "--owner", "erin"])
    try sandbox.succeed(["account", "add", "mixed", "--name", "Café 東京 Ltd", "--tier", "3", "--owner", "frank"])

    let list = try sandbox.succeed(["account", "list"])
    let lines = list.stdoutLines
    let header = try XCTUnwrap(lines.first)
    let ownerColumn = try XCTUnwrap(column(of: "OWNER", in: header), header)
    for owner in ["dave", "carol", "erin", "frank"] {
      let line = try XCTUnwrap(lines.first { $0.contains("  \(owner)  ") }, "no row owned by \(owner):\n\(list.stdout)")
      XCTAssertEqual(
        column(of: "  \(owner)  ", in: line).map { $0 + 2 }, ownerColumn, "misaligned row:\n\(list.stdout)")
    }
  }

  /// The terminal column (0-based) where `needle` starts in `line`: two columns per East Asian wide
  /// character (CJK ideographs, kana, Hangul syllables, full-width forms), one for anything else.
  private func column(of needle: String, in line: String) -> Int? {
    guard let range = line.range(of: needle) else { return nil }
    return line[..<range.lowerBound].unicodeScalars.reduce(0) { width, scalar in
      switch scalar.value {
      case 0x1100...0x115F, 0x2E80...0x303E, 0x3041...0x33FF, 0x3400...0x4DBF, 0x4E00...0x9FFF, 0xAC00...0xD7A3,
        0xF900...0xFAFF, 0xFF00...0xFF60, 0xFFE0...0xFFE6:
        return width + 2
      default:
        return width + 1
      }
    }
  }
}
