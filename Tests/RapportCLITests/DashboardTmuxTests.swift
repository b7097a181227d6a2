import Foundation
import Glibc
import RapportTestSupport
import XCTest

/// The dashboard in a real terminal: the demo, appends from others, resizing, forms, colour, the standup.
final class DashboardTmuxTests: TmuxTestCase {
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

  func testLogATouchpointThroughTheFormSeeItInTheTimelineAndTheJournal() throws {
    let slug = try writeDemo()
    try openDashboard()
    try openTouchpointForm(for: slug)
    try send("Budget approved via tmux")
    try press("Enter")
    let saved = try waitForPane("the saved message") { $0.contains("saved #") }
    XCTAssertFalse(saved.contains("Log touchpoint"), saved)
    try press("Enter")
    try waitForPane("the timeline entry") { $0.contains("Budget approved via tmux") }
    try quit()
    let timeline = try sandbox.succeed(["timeline", slug, "--format", "json", "--log", demoPath])
    XCTAssertTrue(timeline.stdout.contains("Budget approved via tmux"), timeline.summary)
    let journal = String(decoding: try XCTUnwrap(sandbox.bytes(of: demoPath)), as: UTF8.self)
    let line = try XCTUnwrap(journal.split(separator: "\n").last)
    XCTAssertTrue(line.contains("\"type\":\"touchpoint.logged\""), String(line))
    XCTAssertTrue(line.contains("Budget approved via tmux"), String(line))
  }

  func testNoColorShowsHealthByLettersWithoutColour() throws {
    _ = try writeDemo()
    try openDashboard(prefix: "NO_COLOR=1")
    let text = try pane()
    for letter in ["R ", "Y ", "G "] {
      XCTAssertTrue(
        text.split(separator: "\n").contains { $0.hasPrefix(letter) }, "no row starts with \(letter): \(text)")
    }
    let colours = colourParameters(in: try paneWithAttributes())
    XCTAssertEqual(colours, [], "colour escape sequences with NO_COLOR")
    try quit()

    try openDashboardAgainWithColour()
  }

  /// The same demo with colour: the colour check above is not vacuous.
  private func openDashboardAgainWithColour() throws {
    _ = try? tmux(["kill-server"])
    try openDashboard()
    let coloured = try paneWithAttributes()
    XCTAssertNotEqual(colourParameters(in: coloured), [], "the coloured dashboard uses colour: \(coloured)")
    try quit()
  }

  /// SGR parameters that set a colour (30–38, 40–48, 90–97, 100–107; 39 and 49 are "default").
  private func colourParameters(in text: String) -> [Int] {
    var found: [Int] = []
    var rest = Substring(text)
    while let start = rest.range(of: "\u{1B}[") {
      rest = rest[start.upperBound...]
      guard let end = rest.firstIndex(of: "m") else { break }
      let parameters = rest[..<end].split(separator: ";").compactMap { Int($0) }
      if let first = parameters.first, [38, 48].contains(first) {
        found.append(first)
      } else {
        found += parameters.filter { (30...37).contains($0) || (40...47).contains($0) || $0 >= 90 }
      }
      rest = rest[end...]
    }
    return found
  }

  func testReadOnlyExplainsEveryWriteKey() throws {
    _ = try writeDemo()
    let before = sandbox.bytes(of: demoPath)
    let board = try openDashboard(options: "--read-only")
    XCTAssertTrue(board.contains("read-only"), board)
    try send("t")
    try waitForPane("the read-only explanation") { $0.contains("read-only, cannot log a touchpoint") }
    try send("a")
    try waitForPane("the read-only explanation") { $0.contains("read-only, cannot add an account") }
    try quit()
    XCTAssertEqual(sandbox.bytes(of: demoPath), before, "a read-only dashboard wrote to the journal")
  }

  func testCtrlXWritesTheSummaryInTheEditor() throws {
    let slug = try writeDemo()
    let editor = sandbox.path("editor.sh")
    try sandbox.write(Array("#!/bin/sh\nprintf 'Written in the editor\\nsecond line\\n' > \"$1\"\n".utf8), to: editor)
    chmod(editor, 0o755)
    try openDashboard(prefix: "EDITOR=\(editor) VISUAL=")
    try openTouchpointForm(for: slug)
    try press("C-x")
    try waitForPane("the editor's text in the form") { $0.contains("Written in the editor second line") }
    try press("Enter")
    try waitForPane("the saved message") { $0.contains("saved #") }
    try quit()
    let journal = String(decoding: try XCTUnwrap(sandbox.bytes(of: demoPath)), as: UTF8.self)
    let line = try XCTUnwrap(journal.split(separator: "\n").last)
    XCTAssertTrue(line.contains("\"summary\":\"Written in the editor second line\""), String(line))
  }

  func testAWholeStandupByKeysThenItsSummary() throws {
    _ = try writeDemo()
    try openDashboard()
    try send("S")
    try waitForPane("the first standup card") { $0.contains("Standup 1/") && $0.contains("on the agenda:") }
    try send("a")
    try waitForPane("the action item form") { $0.contains("Action item for") }
    try send("call CFO @bob fri")
    try press("Enter")
    try waitForPane("the action item on the card") { $0.contains("→ call CFO") }
    try press("Enter")
    try waitForPane("the second card") { $0.contains("Standup 2/") }
    try send("s")
    try waitForPane("the third card") { $0.contains("Standup 3/") }
    try send("F")
    try waitForPane("the question") { $0.contains("Finish now?") }
    try send("y")
    let done = try waitForPane("the summary") { $0.contains("Standup recorded") }
    XCTAssertTrue(done.contains("1 account discussed · 1 skipped · 7 not reached · 1 action item"), done)
    try press("Escape")
    try quit()
    let summary = try sandbox.succeed(["standup", "--last", "--log", demoPath])
    XCTAssertTrue(summary.stdout.hasPrefix("Standup "), summary.summary)
    XCTAssertTrue(summary.stdout.contains(": call CFO — @bob, due "), summary.summary)
  }

  func testThemeFromTheConfigFileAndABadOneIsNamed() throws {
    _ = try writeDemo()
    let config = sandbox.directory + "/.config/rapport"
    try FileManager.default.createDirectory(atPath: config, withIntermediateDirectories: true)
    try sandbox.write(Array("theme = \"monochrome\"\n".utf8), to: config + "/config.toml")
    try openDashboard()
    XCTAssertEqual(colourParameters(in: try paneWithAttributes()), [], "the monochrome theme from config.toml")
    try quit()
    try sandbox.write(Array("theme = \"nope\"\ncolour = 1\n".utf8), to: config + "/config.toml")
    let refused = try sandbox.run(["--log", demoPath], environment: ["TERM": "xterm-256color"])
    XCTAssertEqual(refused.status, 64, refused.summary)
    XCTAssertTrue(refused.stderr.contains("config.toml:2: colour: unknown setting"), refused.summary)
  }

  func testADashboardWhoseTerminalVanishesWithoutAHangUpSignalExits() throws {
    _ = try writeDemo()
    // Started outside the terminal's session (setsid), the dashboard gets no SIGHUP when the terminal
    // goes away; it must notice the hang-up itself instead of polling in a tight loop forever.
    let binary = sandbox.realBinary
    try openDashboard(prefix: "env TERM=xterm-256color setsid -w env", binary: binary)
    let found = try sandbox.runTool("/usr/bin/pgrep", ["-f", "^\(binary) demo"])
    let pids = found.stdout.split(whereSeparator: \.isNewline).compactMap { Int32($0) }
    XCTAssertFalse(pids.isEmpty, "no dashboard running: \(found.summary)")
    try tmux(["kill-server"])
    socket = nil
    let deadline = Date().addingTimeInterval(10)
    while Date() < deadline, pids.contains(where: { kill($0, 0) == 0 }) { usleep(100_000) }
    let left = pids.filter { kill($0, 0) == 0 }
    for pid in left { kill(pid, SIGKILL) }
    XCTAssertEqual(left, [], "the dashboard outlived its terminal")
  }

  func testSIGTERMAndSIGHUPRestoreTheTerminal() throws {
    _ = try writeDemo()
    for (signal, code) in [(SIGTERM, 143), (SIGHUP, 129)] {
      if socket != nil { _ = try? tmux(["kill-server"]) }
      // The binary itself, not the test clock's wrapper: the signal must reach the dashboard.
      try openDashboard(binary: sandbox.realBinary)
      let shell = try tmux(["display-message", "-p", "-t", "rapport", "#{pane_pid}"]).stdout
        .trimmingCharacters(in: .whitespacesAndNewlines)
      let children = String(decoding: sandbox.bytes(of: "/proc/\(shell)/task/\(shell)/children") ?? [], as: UTF8.self)
      let pid = try XCTUnwrap(children.split(separator: " ").first.flatMap { Int32($0) }, "no rapport under \(shell)")
      XCTAssertEqual(kill(pid, signal), 0)
      try waitForPane("the shell after the signal") { !$0.contains(" records") && $0.contains("ready$") }
      try send("echo \"code=$? modes=$(stty -a | tr ' ;' '\\n\\n' | grep -x -e icanon -e echo | tr '\\n' ,)\"")
      try press("Enter")
      let text = try waitForPane("the exit code and terminal modes") { $0.contains("code=\(code) ") }
      XCTAssertTrue(text.contains("code=\(code) modes=icanon,echo,"), "back in cooked mode with echo: \(text)")
    }
  }
}
