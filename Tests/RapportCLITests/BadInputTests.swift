import Foundation
import XCTest

/// Input the domain or the parser refuses: a non-zero exit, one line naming the problem, nothing
/// printed as saved, and the journal byte-for-byte unchanged.
final class BadInputTests: RapportCLITestCase {
  /// A journal with acme, a touchpoint (#3), and a touchpoint (#4) retracted by #5.
  private func makeJournal() throws -> RapportSandbox {
    let sandbox = try makeSandbox()
    try sandbox.initWithAcme()
    try sandbox.succeed(["touch", "acme", "--kind", "call", "--summary", "Kickoff"])
    try sandbox.succeed(["touch", "acme", "--kind", "note", "--summary", "Withdraw me"])
    let retract = try sandbox.succeed(["retract", "4", "--reason", "typo"])
    XCTAssertEqual(retract.saved.map(\.seq), [5])
    return sandbox
  }

  /// Runs `arguments` and checks exit `status`, the message, and the unchanged journal.
  private func assertRefused(
    _ arguments: [String], status: Int32, mentions words: [String], in sandbox: RapportSandbox,
    file: StaticString = #filePath, line: UInt = #line
  ) throws {
    let before = try sandbox.journalBytes()
    let result = try sandbox.run(arguments)
    let command = "rapport " + arguments.joined(separator: " ")
    XCTAssertFalse(result.signalled, "\(command): \(result.summary)", file: file, line: line)
    XCTAssertEqual(result.status, status, "\(command): \(result.summary)", file: file, line: line)
    XCTAssertEqual(result.stdout, "", "\(command) printed on stdout: \(result.summary)", file: file, line: line)
    let lines = result.stderrLines
    let first = lines.first ?? ""
    if status == 64 {
      // swift-argument-parser: the first line names the problem, usage and help hints follow.
      XCTAssertTrue(first.hasPrefix("Error: "), "\(command): \(result.summary)", file: file, line: line)
    } else {
      XCTAssertEqual(
        lines.count, 1, "\(command): expected one line on stderr: \(result.summary)", file: file, line: line)
      XCTAssertTrue(first.hasPrefix("rapport: error: "), "\(command): \(result.summary)", file: file, line: line)
    }
    for word in words {
      XCTAssertTrue(
        first.contains(word), "\(command): the message does not mention \(word): \(first)", file: file, line: line)
    }
    XCTAssertEqual(try sandbox.journalBytes(), before, "\(command) changed the journal", file: file, line: line)
    XCTAssertNil(
      sandbox.bytes(of: sandbox.quarantinePath), "\(command) created a quarantine file", file: file, line: line)
  }

  func testUnknownAccountIsRefusedByEveryCommand() throws {
    let sandbox = try makeJournal()
    for arguments in [
      ["touch", "nope", "--kind", "call", "--summary", "Hello"],
      ["nps", "nope", "7"],
      ["usage", "nope", "3"],
      ["timeline", "nope"],
      ["account", "show", "nope"],
    ] {
      try assertRefused(arguments, status: 65, mentions: ["unknown account", "nope"], in: sandbox)
    }
  }

  func testAccountsAreRefusedWithADuplicateOrInvalidSlugATierOutOfRangeOrAnUnknownStage() throws {
    let sandbox = try makeJournal()
    try assertRefused(
      ["account", "add", "acme", "--name", "Acme again", "--tier", "2"], status: 65,
      mentions: ["acme", "already exists"], in: sandbox)
    try assertRefused(["account", "add", "Bad_Slug", "--tier", "2"], status: 65, mentions: ["Bad_Slug"], in: sandbox)
    try assertRefused(["account", "add", "has space", "--tier", "2"], status: 65, mentions: ["has space"], in: sandbox)
    try assertRefused(["account", "add", "beta", "--tier", "4"], status: 65, mentions: ["tier", "4"], in: sandbox)
    try assertRefused(
      ["account", "add", "beta", "--tier", "1", "--stage", "nowhere"], status: 65, mentions: ["stage", "nowhere"],
      in: sandbox)
    try assertRefused(["stage", "acme", "nowhere"], status: 65, mentions: ["stage", "nowhere"], in: sandbox)
  }

  func testNPSScoresOutsideZeroToTenAreRefused() throws {
    let sandbox = try makeJournal()
    try assertRefused(["nps", "acme", "11"], status: 65, mentions: ["score", "11"], in: sandbox)
    try assertRefused(["nps", "acme", "-1"], status: 65, mentions: ["score", "-1"], in: sandbox)
    try assertRefused(["nps", "acme", "abc"], status: 65, mentions: ["score", "abc"], in: sandbox)
    try assertRefused(["nps", "acme", "7", "8"], status: 65, mentions: ["score", "7 8"], in: sandbox)
    try assertRefused(["nps", "acme"], status: 65, mentions: ["missing score"], in: sandbox)
  }

  func testDatesThatAreNotDatesAreRefused() throws {
    let sandbox = try makeJournal()
    try assertRefused(
      ["usage", "acme", "3", "--date", "2026-02-30"], status: 65, mentions: ["--date", "2026-02-30"], in: sandbox)
    try assertRefused(
      ["usage", "acme", "3", "--date", "someday"], status: 65, mentions: ["--date", "someday"], in: sandbox)
    try assertRefused(
      ["touch", "acme", "--kind", "call", "--summary", "Hi", "--date", "2026-13-01"], status: 65,
      mentions: ["2026-13-01"], in: sandbox)
  }

  func testMissingOrInconsistentOptionsAreUsageErrors() throws {
    let sandbox = try makeJournal()
    try assertRefused(["touch", "acme", "--kind", "call"], status: 64, mentions: ["--summary"], in: sandbox)
    try assertRefused(
      ["touch", "acme", "--kind", "call", "--summary", "Hi", "--follow-up", "Send deck"], status: 64,
      mentions: ["--follow-up", "--due"], in: sandbox)
  }

  func testAnUnknownTouchpointKindIsRefused() throws {
    let sandbox = try makeJournal()
    try assertRefused(
      ["touch", "acme", "--kind", "dance", "--summary", "Hi"], status: 65, mentions: ["--kind", "dance"], in: sandbox)
  }

  func testCorrectionsOfWhatDoesNotExistAreRefused() throws {
    let sandbox = try makeJournal()
    // #3 is a touchpoint: it has no score.
    try assertRefused(["amend", "3", "--score", "3"], status: 65, mentions: ["score", "touchpoint"], in: sandbox)
    try assertRefused(["retract", "99"], status: 65, mentions: ["99"], in: sandbox)
    try assertRefused(["retract", "4"], status: 65, mentions: ["4", "already retracted"], in: sandbox)
    try assertRefused(["ticket", "close", "acme", "T-404"], status: 65, mentions: ["T-404"], in: sandbox)
    try assertRefused(["criterion", "met", "acme", "7"], status: 65, mentions: ["criterion", "7"], in: sandbox)
    try assertRefused(["task", "done", "42"], status: 65, mentions: ["task", "42"], in: sandbox)
  }

  func testAJournalThatDoesNotExistPointsToInit() throws {
    let sandbox = try makeSandbox()
    for arguments in [
      ["usage", "acme", "3"], ["account", "add", "acme", "--tier", "1"], ["account", "list"], ["verify"],
    ] {
      let result = try sandbox.run(arguments)
      XCTAssertEqual(result.status, 74, "\(arguments): \(result.summary)")
      XCTAssertEqual(result.stderrLines.count, 1, "\(arguments): \(result.summary)")
      XCTAssertTrue(result.stderr.contains("rapport init"), "\(arguments): \(result.summary)")
      XCTAssertTrue(result.stderr.contains(sandbox.journalPath), "\(arguments): \(result.summary)")
      XCTAssertEqual(result.stdout, "", "\(arguments): \(result.summary)")
      XCTAssertFalse(FileManager.default.fileExists(atPath: sandbox.journalPath), "\(arguments) created the journal")
    }
  }

  func testInitTwiceRefusesToOverwrite() throws {
    let sandbox = try makeJournal()
    try assertRefused(["init"], status: 74, mentions: ["already exists", sandbox.journalPath], in: sandbox)
  }
}
