import Foundation
import XCTest

/// `rapport void SLUG --reason TEXT`: an account created by mistake leaves every listing and export, its
/// history stays in its timeline, its id is free again, and the refusals say why (exit 65).
final class VoidCommandTests: RapportCLITestCase {
  func testVoidRemovesTheAccountEverywhereKeepsItsTimelineAndFreesItsId() throws {
    let sandbox = try makeSandbox()
    try sandbox.initWithAcme()
    try sandbox.succeed(["account", "add", "send-qbr-deck-next-week", "--tier", "3", "--name", "send qbr deck"])
    try sandbox.succeed(["touch", "send-qbr-deck-next-week", "--summary", "Typed in the wrong place"])
    let void = try sandbox.succeed(["void", "send-qbr-deck-next-week", "--reason", "created by mistake"])
    XCTAssertEqual(void.saved.map(\.type), ["account.voided"], void.summary)
    let lines = try JournalFile.lines(try sandbox.journalBytes())
    XCTAssertEqual(lines.last?.type, "account.voided")
    XCTAssertEqual(lines.last?.account, "send-qbr-deck-next-week")
    XCTAssertEqual(lines.last?.data?["reason"] as? String, "created by mistake")

    for listing in [
      ["account", "list"], ["account", "list", "--format", "json"], ["board", "--format", "json"],
      ["due", "--format", "json"], ["export", "accounts"], ["export", "board", "--format", "json"],
    ] {
      let output = try sandbox.succeed(listing).stdout
      XCTAssertFalse(output.contains("send-qbr-deck"), "\(listing): \(output)")
      XCTAssertTrue(output.contains("acme"), "\(listing): \(output)")
    }

    // `show` says what happened to it, and where its history is.
    let show = try sandbox.run(["account", "show", "send-qbr-deck-next-week"])
    XCTAssertEqual(show.status, 65, show.summary)
    XCTAssertTrue(show.stderr.contains("account 'send-qbr-deck-next-week' was voided on"), show.stderr)
    XCTAssertTrue(show.stderr.contains("created by mistake"), show.stderr)
    XCTAssertTrue(show.stderr.contains("rapport timeline send-qbr-deck-next-week"), show.stderr)

    // Its timeline: the void on top, then what was recorded.
    let timeline = try sandbox.succeed(["timeline", "send-qbr-deck-next-week"]).stdoutLines
    XCTAssertTrue(timeline[1].contains("account voided: created by mistake"), timeline.joined(separator: "\n"))
    XCTAssertTrue(timeline.contains { $0.contains("Typed in the wrong place") }, timeline.joined(separator: "\n"))
    let json = try XCTUnwrap(
      try parseJSON(try sandbox.succeed(["timeline", "send-qbr-deck-next-week", "--format", "json"]).stdout)
        as? [[String: Any]])
    XCTAssertEqual(json.first?["kind"] as? String, "void")

    // Nothing more can be recorded on it; verify accepts the journal.
    let touch = try sandbox.run(["touch", "send-qbr-deck-next-week", "--summary", "Again"])
    XCTAssertEqual(touch.status, 65, touch.summary)
    XCTAssertTrue(touch.stderr.contains("was voided"), touch.stderr)
    XCTAssertTrue(touch.stderr.contains("nothing more can be recorded on it"), touch.stderr)
    let verify = try sandbox.run(["verify"])
    XCTAssertEqual(verify.status, 0, verify.summary)

    // The id is free: a new account, with none of the old one's history.
    try sandbox.succeed(["account", "add", "send-qbr-deck-next-week", "--tier", "2", "--name", "A real client"])
    let fresh = try XCTUnwrap(
      try parseJSON(try sandbox.succeed(["timeline", "send-qbr-deck-next-week", "--format", "json"]).stdout)
        as? [[String: Any]])
    XCTAssertEqual(fresh.map { $0["kind"] as? String }, ["account"])
    XCTAssertTrue(try sandbox.succeed(["account", "list"]).stdout.contains("A real client"))
  }

  func testVoidRefusalsSayWhyWithExit65() throws {
    let sandbox = try makeSandbox()
    try sandbox.initWithAcme()  // alice created the journal: its admin
    try sandbox.succeed(["account", "add", "globex", "--tier", "2", "--name", "Globex"], user: "bob")

    let notCreator = try sandbox.run(["void", "globex", "--reason", "mistake"], user: "carol")
    XCTAssertEqual(notCreator.status, 65, notCreator.summary)
    XCTAssertTrue(
      notCreator.stderr.contains("only an admin can void 'globex', which bob added; carol is not one"),
      notCreator.stderr)

    try sandbox.succeed(["touch", "globex", "--summary", "Kick-off"], user: "carol")
    let othersWrote = try sandbox.run(["void", "globex", "--reason", "mistake"], user: "bob")
    XCTAssertEqual(othersWrote.status, 65, othersWrote.summary)
    XCTAssertTrue(
      othersWrote.stderr.contains("only an admin can void 'globex', which carol also wrote to; bob is not one"),
      othersWrote.stderr)

    let empty = try sandbox.run(["void", "globex", "--reason", " "], user: "alice")
    XCTAssertEqual(empty.status, 65, empty.summary)
    XCTAssertTrue(empty.stderr.contains("missing reason (--reason)"), empty.stderr)
    let noReason = try sandbox.run(["void", "globex"], user: "alice")
    XCTAssertEqual(noReason.status, 64, noReason.summary)

    let unknown = try sandbox.run(["void", "globx", "--reason", "mistake"])
    XCTAssertEqual(unknown.status, 65, unknown.summary)
    XCTAssertTrue(unknown.stderr.contains("unknown account 'globx'"), unknown.stderr)
    XCTAssertTrue(unknown.stderr.contains("globex"), "did you mean: \(unknown.stderr)")

    // The admin may void it; twice is refused.
    try sandbox.succeed(["void", "globex", "--reason", "duplicate of acme"], user: "alice")
    let twice = try sandbox.run(["void", "globex", "--reason", "again"], user: "alice")
    XCTAssertEqual(twice.status, 65, twice.summary)
    XCTAssertTrue(twice.stderr.contains("was voided"), twice.stderr)
    // A refused command writes nothing.
    let types = try JournalFile.lines(try sandbox.journalBytes()).compactMap(\.type)
    XCTAssertEqual(types.filter { $0 == "account.voided" }.count, 1)
  }

  func testVoidIsDocumentedInTheHelp() throws {
    let sandbox = try makeSandbox()
    let help = try sandbox.run(["--help"])
    XCTAssertTrue(help.stdout.contains("void"), help.stdout)
    let own = try sandbox.run(["void", "--help"])
    XCTAssertTrue(own.stdout.contains("--reason"), own.stdout)
    XCTAssertTrue(own.stdout.contains("created by mistake"), own.stdout)
  }
}
