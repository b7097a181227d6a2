import Foundation
import XCTest

/// The command line helps: "did you mean", `touch` without `--kind`, `--theme` refused when unknown,
/// singular counts, `standup --format json`.
final class CommandLineHelpTests: RapportCLITestCase {
  func testVersionNamesTheReleaseAndTheBuild() throws {
    let sandbox = try makeSandbox()
    let result = try sandbox.run(["--version"])
    XCTAssertEqual(result.status, 0, result.summary)
    XCTAssertNotNil(
      result.stdout.wholeMatch(of: /rapport \d+\.\d+\.\d+ \(build [0-9a-f]{16,}\)\n/), result.summary)
  }

  func testUnknownAccountSuggestsTheClosestIds() throws {
    let sandbox = try makeSandbox()
    try sandbox.initWithAcme()
    try sandbox.succeed(["account", "add", "acme-1", "--name", "Acme One", "--tier", "2"])
    try sandbox.succeed(["account", "add", "globex", "--name", "Globex", "--tier", "2"])
    let result = try sandbox.run(["touch", "acmee-1", "--summary", "Hello"])
    XCTAssertEqual(result.status, 65, result.summary)
    XCTAssertTrue(result.stderr.contains("unknown account 'acmee-1'"), result.summary)
    XCTAssertTrue(result.stderr.contains("did you mean 'acme-1'"), result.summary)
    XCTAssertFalse(result.stderr.contains("globex"), result.summary)
    // Nothing close: no suggestion.
    let far = try sandbox.run(["account", "show", "zzzzzz"])
    XCTAssertEqual(far.status, 65, far.summary)
    XCTAssertFalse(far.stderr.contains("did you mean"), far.summary)
  }

  func testUnknownKindSuggestsTheClosestKind() throws {
    let sandbox = try makeSandbox()
    try sandbox.initWithAcme()
    let result = try sandbox.run(["touch", "acme", "--kind", "cal", "--summary", "Hello"])
    XCTAssertEqual(result.status, 65, result.summary)
    XCTAssertTrue(result.stderr.contains("did you mean 'call'"), result.summary)
    // Any value from a list of words: a stage, a severity, a play code.
    let stage = try sandbox.run(["stage", "acme", "activaton"])
    XCTAssertEqual(stage.status, 65, stage.summary)
    XCTAssertTrue(stage.stderr.contains("did you mean 'activation'?"), stage.summary)
    let play = try sandbox.run(["touch", "acme", "--summary", "Agenda", "--closes", "qbr-agnda"])
    XCTAssertEqual(play.status, 65, play.summary)
    XCTAssertTrue(play.stderr.contains("did you mean 'qbr-agenda'?"), play.summary)
  }

  func testUnknownSubcommandSuggestsTheClosestOne() throws {
    let sandbox = try makeSandbox()
    try sandbox.initWithAcme()
    let result = try sandbox.run(["touhc", "acme", "--summary", "Hello"])
    XCTAssertEqual(result.status, 64, result.summary)
    XCTAssertTrue(result.stderr.contains("did you mean 'touch'"), result.summary)
    let nested = try sandbox.run(["account", "lsit"])
    XCTAssertEqual(nested.status, 64, nested.summary)
    XCTAssertTrue(nested.stderr.contains("did you mean 'list'?"), nested.summary)
    // Options: ArgumentParser's own suggestion, still exit 64.
    let option = try sandbox.run(["board", "--fromat", "json"])
    XCTAssertEqual(option.status, 64, option.summary)
    XCTAssertTrue(option.stderr.contains("Did you mean '--format'"), option.summary)
    // After the root's options and their values.
    let after = try sandbox.run(["--as", "alice", "--read-only", "bord"])
    XCTAssertEqual(after.status, 64, after.summary)
    XCTAssertTrue(after.stderr.contains("did you mean 'board'?"), after.summary)
  }

  func testTouchWithoutKindSavesACall() throws {
    let sandbox = try makeSandbox()
    try sandbox.initWithAcme()
    let result = try sandbox.succeed(["touch", "acme", "--summary", "Checked in"])
    XCTAssertEqual(result.saved.count, 1, result.summary)
    let lines = try sandbox.journalBytes()
    let last = String(decoding: lines, as: UTF8.self).split(separator: "\n").last.map(String.init) ?? ""
    XCTAssertTrue(last.contains("\"kind\":\"call\""), last)
  }

  func testUnknownThemeIsRefusedWithTheThemes() throws {
    let sandbox = try makeSandbox()
    try sandbox.initWithAcme()
    for arguments in [["--theme", "nope"], ["standup", "--theme", "nope"]] {
      let result = try sandbox.run(arguments)
      XCTAssertEqual(result.status, 64, result.summary)
      XCTAssertTrue(result.stderr.contains("unknown theme 'nope'"), result.summary)
      XCTAssertTrue(result.stderr.contains("dark"), result.summary)
      XCTAssertTrue(result.stderr.contains("light"), result.summary)
      XCTAssertEqual(result.stdout, "", result.summary)
    }
  }

  func testAnUnknownThemeInTheConfigFileIsRefusedNamingTheFile() throws {
    let sandbox = try makeSandbox()
    try sandbox.initWithAcme()
    let config = sandbox.directory + "/.config/rapport"
    try FileManager.default.createDirectory(atPath: config, withIntermediateDirectories: true)
    try sandbox.write(Array("theme = \"lihgt\"\n".utf8), to: config + "/config.toml")
    let result = try sandbox.run([], environment: ["TERM": "xterm-256color"])
    XCTAssertEqual(result.status, 64, result.summary)
    XCTAssertTrue(result.stderr.contains("config.toml: unknown theme 'lihgt'"), result.summary)
    XCTAssertTrue(result.stderr.contains("did you mean 'light'?"), result.summary)
  }

  func testOneDayIsSingular() throws {
    let sandbox = try makeSandbox()
    try sandbox.initWithAcme()
    try sandbox.succeed(["touch", "acme", "--summary", "Yesterday's call", "--date", "yesterday"])
    let shown = try sandbox.succeed(["account", "show", "acme"])
    XCTAssertTrue(shown.stdout.contains("1 day ago"), shown.summary)
    XCTAssertFalse(shown.stdout.contains("1 days"), shown.summary)
    let listed = try sandbox.succeed(["account", "list"])
    XCTAssertTrue(listed.stdout.contains("1 account,"), listed.summary)
  }

  func testStandupAgendaAsJSON() throws {
    let sandbox = try makeSandbox()
    try sandbox.initWithAcme()
    try sandbox.succeed(["account", "add", "orphan", "--name", "Orphan Ltd", "--tier", "2"])
    let result = try sandbox.succeed(["standup", "--format", "json"])
    let object = try XCTUnwrap(try parseJSON(result.stdout) as? [String: Any], result.summary)
    XCTAssertEqual(object["today"] as? String, RapportSandbox.today)
    let items = try XCTUnwrap(object["items"] as? [[String: Any]], result.summary)
    let orphan = try XCTUnwrap(items.first { $0["account"] as? String == "orphan" }, result.summary)
    XCTAssertEqual(orphan["reasons"] as? [String], ["unowned"])
    XCTAssertNotNil(orphan["plays"] as? [Any])
    // --last with JSON: none recorded yet is refused as in text.
    let none = try sandbox.run(["standup", "--last", "--format", "json"])
    XCTAssertEqual(none.status, 65, none.summary)
  }
}

/// `rapport completions bash|zsh|fish`.
final class CompletionsCommandTests: RapportCLITestCase {
  func testCompletionScripts() throws {
    let sandbox = try makeSandbox()
    for shell in ["bash", "zsh", "fish"] {
      let result = try sandbox.succeed(["completions", shell])
      XCTAssertTrue(result.stdout.contains("rapport"), result.summary)
      XCTAssertTrue(result.stdout.contains("touch"), result.summary)
    }
    let bash = try sandbox.succeed(["completions", "bash"])
    XCTAssertTrue(bash.stdout.contains("meeting"), "the kinds complete")
    // What the scripts run to complete an account id: the journal's ids.
    try sandbox.initWithAcme()
    try sandbox.succeed(["account", "add", "globex", "--name", "Globex", "--tier", "2"])
    let ids = try sandbox.succeed(["---completion", "touch", "--", "positional@0", "2", "0", "rapport", "touch", ""])
    XCTAssertEqual(ids.stdoutLines, ["acme", "globex"], ids.summary)
    // Owners (and managers) complete from the journal, play codes from the rules.
    try sandbox.succeed(["owner", "acme", "bob"])
    let owners = try sandbox.succeed([
      "---completion", "owner", "--", "positional@1", "3", "0", "rapport", "owner", "acme", "",
    ])
    XCTAssertEqual(owners.stdoutLines, ["bob"], owners.summary)
    XCTAssertTrue(bash.stdout.contains("qbr-agenda"), "the play codes complete")
    let refused = try sandbox.run(["completions", "bsh"])
    XCTAssertEqual(refused.status, 64, refused.summary)
    XCTAssertTrue(refused.stderr.contains("did you mean 'bash'"), refused.summary)
  }
}
