import Foundation
import Glibc
import XCTest

/// Drives the real binary's dashboard in a real terminal: a detached tmux session of 100x30.
final class DashboardTmuxTests: RapportCLITestCase {
  private var sandbox: RapportSandbox!
  private var socket: String?

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

  /// Runs tmux to completion with posix_spawn + waitpid (Foundation's Process can wait forever when
  /// the tmux server it forked keeps running).
  @discardableResult
  private func tmux(_ arguments: [String], file: StaticString = #filePath, line: UInt = #line) throws -> RapportResult {
    let socket = try XCTUnwrap(socket, "no tmux session", file: file, line: line)
    let outPath = sandbox.path("tmux.out")
    let environment = sandbox.environment(["TERM": "xterm-256color"])
    let argv = ["/usr/bin/tmux", "-L", socket, "-f", "/dev/null"] + arguments
    var actions = posix_spawn_file_actions_t()
    posix_spawn_file_actions_init(&actions)
    defer { posix_spawn_file_actions_destroy(&actions) }
    posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
    posix_spawn_file_actions_addopen(&actions, 1, outPath, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
    posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
    let cArguments = argv.map { strdup($0) } + [nil]
    let cEnvironment = environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
    defer {
      for pointer in cArguments { free(pointer) }
      for pointer in cEnvironment { free(pointer) }
    }
    var pid: pid_t = 0
    let spawned = posix_spawn(&pid, argv[0], &actions, nil, cArguments, cEnvironment)
    XCTAssertEqual(spawned, 0, "posix_spawn tmux", file: file, line: line)
    var status: Int32 = 0
    while waitpid(pid, &status, 0) == -1 && errno == EINTR {}
    let out = sandbox.bytes(of: outPath) ?? []
    let exited = (status & 0x7f) == 0
    let result = RapportResult(
      status: exited ? (status >> 8) & 0xff : status & 0x7f, signalled: !exited, stdoutBytes: out, stderrBytes: [])
    XCTAssertEqual(
      result.status, 0, "tmux \(arguments.joined(separator: " ")): \(result.summary)", file: file, line: line)
    return result
  }

  private func pane() throws -> String { try tmux(["capture-pane", "-p", "-t", "rapport"]).stdout }

  /// Polls the pane until `condition` holds; fails with the pane's text after `seconds`.
  @discardableResult
  private func waitForPane(
    _ what: String, seconds: Double = 15, file: StaticString = #filePath, line: UInt = #line,
    _ condition: (String) -> Bool
  ) throws -> String {
    let deadline = Date().addingTimeInterval(seconds)
    var text = ""
    while Date() < deadline {
      text = try pane()
      if condition(text) { return text }
      usleep(50_000)
    }
    XCTFail("waited \(seconds)s for \(what); the pane shows:\n\(text)", file: file, line: line)
    throw RapportBinaryMissing(message: "timed out waiting for \(what)")
  }

  private var demoPath: String { sandbox.dataHome + "/rapport/demo.jsonl" }

  /// Writes the demo journal (not a terminal: it prints the list) and returns its first account's slug.
  private func writeDemo() throws -> String {
    let listing = try sandbox.succeed(["demo"])
    let first = try XCTUnwrap(listing.stdoutLines.dropFirst().first, listing.summary)
    return String(try XCTUnwrap(first.split(separator: " ").first))
  }

  /// Starts a shell in a new 100x30 session and runs `rapport demo` in it; returns once the board shows.
  @discardableResult
  private func openDashboard() throws -> String {
    socket = "rapport-test-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
    try tmux(["new-session", "-d", "-s", "rapport", "-x", "100", "-y", "30", "/bin/sh"])
    try waitForPane("the shell") { !$0.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty }
    try tmux(["send-keys", "-t", "rapport", "-l", "PS1='ready$ '"])
    try tmux(["send-keys", "-t", "rapport", "Enter"])
    try waitForPane("the shell prompt") { $0.contains("ready$") }
    try tmux(["send-keys", "-t", "rapport", "-l", "TERM=xterm-256color \"$RAPPORT\" demo"])
    try tmux(["send-keys", "-t", "rapport", "Enter"])
    return try waitForPane("the board") { $0.contains(" records") && $0.contains("ACCOUNT") }
  }

  private func recordCount(in text: String) -> Int? {
    guard let range = text.range(of: #"[0-9]+ records"#, options: .regularExpression) else { return nil }
    return Int(text[range].split(separator: " ")[0])
  }

  // MARK: Tests

  func testDemoOpensTheBoardAndQRestoresTheShell() throws {
    _ = try writeDemo()
    try openDashboard()
    try tmux(["send-keys", "-t", "rapport", "q"])
    try waitForPane("the board to close") { !$0.contains(" records") }
    try tmux(["send-keys", "-t", "rapport", "-l", "echo \"exit=$?\""])
    try tmux(["send-keys", "-t", "rapport", "Enter"])
    let text = try waitForPane("the exit status") { $0.contains("exit=0") }
    XCTAssertTrue(text.contains("ready$"), text)
    let command = try tmux(["display-message", "-p", "-t", "rapport", "#{pane_current_command}"]).stdout
    XCTAssertEqual(command.trimmingCharacters(in: .whitespacesAndNewlines), "sh")
  }

  func testAnotherProcessesAppendAppearsWithinTwoSeconds() throws {
    let slug = try writeDemo()
    let board = try openDashboard()
    let before = try XCTUnwrap(recordCount(in: board), board)
    let touch = try sandbox.succeed([
      "touch", slug, "--kind", "call", "--summary", "tmux follow test", "--log", demoPath,
    ])
    let expected = before + touch.saved.count
    XCTAssertGreaterThan(touch.saved.count, 0, touch.summary)
    try waitForPane("\(expected) records", seconds: 2) { self.recordCount(in: $0) == expected }
    try tmux(["send-keys", "-t", "rapport", "q"])
    try waitForPane("the board to close") { !$0.contains(" records") }
  }

  func testResizeBelowTheMinimumAsksToEnlargeAndBackRedraws() throws {
    _ = try writeDemo()
    try openDashboard()
    try tmux(["resize-window", "-t", "rapport", "-x", "60", "-y", "20"])
    try waitForPane("the enlarge message") { $0.contains("enlarge") }
    try tmux(["resize-window", "-t", "rapport", "-x", "100", "-y", "30"])
    let text = try waitForPane("the board again") { !$0.contains("enlarge") && $0.contains(" records") }
    XCTAssertTrue(text.contains("ACCOUNT"), text)
    try tmux(["send-keys", "-t", "rapport", "q"])
    try waitForPane("the board to close") { !$0.contains(" records") }
  }
}
