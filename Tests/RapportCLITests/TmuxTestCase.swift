import Foundation
import Glibc
import RapportTestSupport
import XCTest

/// Drives the real binary's dashboard in a real terminal: a detached tmux session (100x30 unless a test
/// asks for another size). The base of every tmux test class; each feature keeps its tests in its own file.
class TmuxTestCase: RapportCLITestCase {
  var sandbox: RapportSandbox!
  var socket: String?

  override func setUpWithError() throws {
    try super.setUpWithError()
    // `make test` installs tmux when it is missing (Scripts/ensure-deps.sh): its absence is a failure.
    struct TmuxMissing: Error, CustomStringConvertible {
      var description: String { "tmux is not installed: run the tests through `make test`" }
    }
    guard access("/usr/bin/tmux", X_OK) == 0 else { throw TmuxMissing() }
    sandbox = try makeSandbox()
  }

  override func tearDown() {
    if socket != nil { _ = try? tmux(["kill-server"]) }
    socket = nil
    super.tearDown()
  }

  // MARK: Driving tmux

  /// Runs tmux to completion (through RapportTestSupport's `Tmux`: posix_spawn + waitpid, as
  /// Foundation's Process can wait forever when the tmux server it forked keeps running).
  @discardableResult
  func tmux(_ arguments: [String], file: StaticString = #filePath, line: UInt = #line) throws -> RapportResult {
    let socket = try XCTUnwrap(socket, "no tmux session", file: file, line: line)
    let outPath = sandbox.path("tmux.out")
    let server = Tmux(
      socketName: socket, configFile: "/dev/null",
      environment: ChildProcess.entries(sandbox.environment(["TERM": "xterm-256color"])))
    let ended = try XCTUnwrap(server.run(arguments, output: outPath), "posix_spawn tmux", file: file, line: line)
    let result = RapportResult(
      status: ended.status, signalled: ended.signalled, stdoutBytes: sandbox.bytes(of: outPath) ?? [],
      stderrBytes: [])
    XCTAssertEqual(
      result.status, 0, "tmux \(arguments.joined(separator: " ")): \(result.summary)", file: file, line: line)
    return result
  }

  func pane() throws -> String { try tmux(["capture-pane", "-p", "-t", "rapport"]).stdout }

  /// The pane with its attributes and colours as escape sequences.
  func paneWithAttributes() throws -> String {
    try tmux(["capture-pane", "-p", "-e", "-t", "rapport"]).stdout
  }

  func send(_ text: String) throws { try tmux(["send-keys", "-t", "rapport", "-l", text]) }
  func press(_ key: String) throws { try tmux(["send-keys", "-t", "rapport", key]) }

  /// Filters the list to `slug` and opens the touchpoint form on it.
  func openTouchpointForm(for slug: String) throws {
    try send("/\(slug)")
    try press("Enter")
    try send("t")
    try waitForPane("the touchpoint form") { $0.contains("Log touchpoint") }
  }

  func quit() throws {
    try press("q")
    try waitForPane("the board to close") { !$0.contains(" records") }
  }

  /// Polls the pane until `condition` holds on a settled screen; fails with the pane's text after `seconds`.
  ///
  /// A pane read mid-redraw shows the new screen's first rows over the old one's last: a condition on
  /// the title held while the rows a test then checked were still the old screen's (CI failed that way).
  /// So the screen counts as shown once two reads 30 ms apart agree and meet the condition.
  @discardableResult
  func waitForPane(
    _ what: String, seconds: Double = 15, file: StaticString = #filePath, line: UInt = #line,
    _ condition: (String) -> Bool
  ) throws -> String {
    let deadline = Date().addingTimeInterval(seconds)
    var text = ""
    while Date() < deadline {
      text = try pane()
      if condition(text) {
        usleep(30_000)
        if try pane() == text { return text }
        continue
      }
      usleep(50_000)
    }
    XCTFail("waited \(seconds)s for \(what); the pane shows:\n\(text)", file: file, line: line)
    throw RapportBinaryMissing(message: "timed out waiting for \(what)")
  }

  var demoPath: String { sandbox.dataHome + "/rapport/demo.jsonl" }

  /// Writes the demo journal (not a terminal: it prints the list) and returns its first account's slug.
  func writeDemo() throws -> String {
    let listing = try sandbox.succeed(["demo"])
    let first = try XCTUnwrap(listing.stdoutLines.dropFirst().first, listing.summary)
    return String(try XCTUnwrap(first.split(separator: " ").first))
  }

  /// Starts a shell in a new session of `columns`x`rows` (100x30) and runs `rapport demo` in it; returns once the board shows.
  /// `prefix` goes before the command (environment assignments), `options` after it.
  @discardableResult
  func openDashboard(
    prefix: String = "", options: String = "", binary: String = "$RAPPORT", columns: Int = 100, rows: Int = 30
  ) throws -> String {
    socket = "rapport-test-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
    try tmux(["new-session", "-d", "-s", "rapport", "-x", "\(columns)", "-y", "\(rows)", "/bin/sh"])
    try waitForPane("the shell") { !$0.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty }
    try tmux(["send-keys", "-t", "rapport", "-l", "PS1='ready$ '"])
    try tmux(["send-keys", "-t", "rapport", "Enter"])
    try waitForPane("the shell prompt") { $0.contains("ready$") }
    try tmux(["send-keys", "-t", "rapport", "-l", "\(prefix) TERM=xterm-256color \"\(binary)\" demo \(options)"])
    try tmux(["send-keys", "-t", "rapport", "Enter"])
    return try waitForPane("the board") { $0.contains(" records") && $0.contains("ACCOUNT") }
  }

  func recordCount(in text: String) -> Int? {
    guard let range = text.range(of: #"[0-9]+ records"#, options: .regularExpression) else { return nil }
    return Int(text[range].split(separator: " ")[0])
  }
}
