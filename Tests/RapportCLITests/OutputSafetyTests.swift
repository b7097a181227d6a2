import Foundation
import Glibc
import XCTest

/// Issue 13, "output is checked and safe", on the real binary: a failed write is said and exits 74, a
/// closed pipe ends quietly, `export -o` never writes through a planted link and makes 0600 files, CSV
/// cells cannot run as formulas, control characters are escaped in CSV and JSON, and absurd numbers
/// are refused.
final class OutputSafetyTests: RapportCLITestCase {
  private let esc = "\u{1B}[31m"
  private let bel = "\u{07}"
  private let rlo = "\u{202E}"

  /// A journal with acme, a touchpoint and a usage sample.
  private func bookSandbox() throws -> RapportSandbox {
    let sandbox = try makeSandbox()
    try sandbox.initWithAcme()
    try sandbox.succeed(["touch", "acme", "--kind", "call", "--summary", "Budget call", "--date", "2026-11-20"])
    try sandbox.succeed(["usage", "acme", "120", "--date", "2026-11-21"])
    return sandbox
  }

  private func quoted(_ text: String) -> String { "'" + text.replacingOccurrences(of: "'", with: "'\\''") + "'" }

  private func assertOneLine(
    _ result: RapportResult, _ expected: String, status: Int32 = 74, file: StaticString = #filePath, line: UInt = #line
  ) {
    XCTAssertEqual(result.status, status, result.summary, file: file, line: line)
    XCTAssertFalse(result.signalled, result.summary, file: file, line: line)
    XCTAssertEqual(result.stderrLines.count, 1, result.summary, file: file, line: line)
    XCTAssertTrue(result.stderr.contains(expected), result.summary, file: file, line: line)
  }

  // MARK: Standard output

  func testAFullStandardOutputIsOneLineAndExit74() throws {
    let sandbox = try bookSandbox()
    for command in [
      "board", "board --format json", "timeline acme", "verify", "export accounts", "export touchpoints --format json",
      "account list",
    ] {
      let result = try sandbox.shell("\"$RAPPORT\" \(command) --today 2026-11-23 > /dev/full")
      assertOneLine(result, "rapport: error: writing to standard output failed: the disk is full (ENOSPC)")
    }
  }

  func testAWriteWhoseConfirmationCannotBePrintedSaysTheEntryWasSaved() throws {
    let sandbox = try bookSandbox()
    let before = try JournalFile.lines(try sandbox.journalBytes()).count
    let result = try sandbox.shell("\"$RAPPORT\" usage acme 7 --today 2026-11-23 > /dev/full")
    assertOneLine(result, "writing to standard output failed")
    XCTAssertTrue(result.stderr.contains("the entry was saved"), result.summary)
    XCTAssertEqual(try JournalFile.lines(try sandbox.journalBytes()).count, before + 1)
  }

  /// The reader is gone before the binary writes a byte (the pipe's read end is closed before it
  /// starts): every write fails with EPIPE, deterministically.
  func testAClosedPipeEndsQuietlyWithStatusZero() throws {
    let sandbox = try bookSandbox()
    for arguments in [
      ["board"], ["board", "--format", "json"], ["timeline", "acme"], ["verify"], ["export", "accounts"],
    ] {
      let result = try runIntoClosedPipe(sandbox, arguments + ["--today", "2026-11-23"])
      XCTAssertFalse(result.signalled, "\(arguments): killed by signal \(result.status)")
      XCTAssertEqual(result.status, 0, "\(arguments): \(result.stderr)")
      XCTAssertEqual(result.stderr, "", "\(arguments)")
    }
  }

  /// `rapport board | head -1` as a user types it, with a board long enough (about 300 KB) that the
  /// writer is still writing when `head` leaves.
  func testBoardIntoHeadIsQuiet() throws {
    let sandbox = try makeSandbox()
    try sandbox.succeed(["init"])
    var csv = "account,name,tier\n"
    for index in 0..<400 { csv += "a\(index),\(String(repeating: "Name \(index) ", count: 60)),2\n" }
    let file = sandbox.path("accounts.csv")
    try sandbox.write(Array(csv.utf8), to: file)
    try sandbox.succeed(["import", "accounts", file])
    let result = try sandbox.shell(
      """
      "$RAPPORT" board --format json --today 2026-11-23 | wc -c
      { "$RAPPORT" board --format json --today 2026-11-23 2>err.txt; echo $? > status.txt; } | head -c 100 > /dev/null
      cat err.txt; cat status.txt
      """)
    let lines = result.stdoutLines
    XCTAssertGreaterThan(Int(lines.first?.trimmingCharacters(in: .whitespaces) ?? "") ?? 0, 200_000, "a long board")
    XCTAssertEqual(lines.dropFirst(), ["0"], "quiet, status 0: \(result.summary)")
  }

  private func runIntoClosedPipe(_ sandbox: RapportSandbox, _ arguments: [String]) throws -> RapportResult {
    var descriptors: [Int32] = [0, 0]
    XCTAssertEqual(pipe(&descriptors), 0)
    close(descriptors[0])
    let errorPath = sandbox.path("closed-pipe.err")
    _ = FileManager.default.createFile(atPath: errorPath, contents: nil)
    let process = Process()
    process.executableURL = URL(fileURLWithPath: sandbox.binary)
    process.arguments = arguments
    process.environment = sandbox.environment()
    process.currentDirectoryURL = URL(fileURLWithPath: sandbox.directory)
    process.standardInput = FileHandle.nullDevice
    let output = FileHandle(fileDescriptor: descriptors[1], closeOnDealloc: true)
    let errors = try XCTUnwrap(FileHandle(forWritingAtPath: errorPath))
    process.standardOutput = output
    process.standardError = errors
    try process.run()
    try output.close()
    try errors.close()
    process.waitUntilExit()
    let stderr = sandbox.bytes(of: errorPath) ?? []
    unlink(errorPath)
    return RapportResult(
      status: process.terminationStatus, signalled: process.terminationReason == .uncaughtSignal, stdoutBytes: [],
      stderrBytes: stderr)
  }

  // MARK: export -o

  func testExportThroughAPlantedLinkIsRefusedAndTheVictimUnchanged() throws {
    let sandbox = try bookSandbox()
    let victim = sandbox.path("victim.txt")
    try sandbox.write(Array("precious\n".utf8), to: victim)
    chmod(victim, 0o640)
    let target = sandbox.path("clients.csv")
    XCTAssertEqual(symlink(victim, target), 0)
    let result = try sandbox.run(["export", "accounts", "-o", target])
    assertOneLine(result, "refusing to write \(target): it is a symbolic link")
    XCTAssertEqual(sandbox.bytes(of: victim), Array("precious\n".utf8), "the victim is unchanged")
    var info = stat()
    XCTAssertEqual(stat(victim, &info), 0)
    XCTAssertEqual(info.st_mode & 0o777, 0o640, "and keeps its mode")
    XCTAssertEqual(lstat(target, &info), 0)
    XCTAssertEqual(info.st_mode & S_IFMT, S_IFLNK, "the link is left for the user to look at")
    XCTAssertEqual(try temporaries(in: sandbox.directory), [])

    // A dangling link (to a file the attacker wants created) is refused too, and creates nothing.
    let missing = sandbox.path("would-be-created")
    let dangling = sandbox.path("dangling.csv")
    XCTAssertEqual(symlink(missing, dangling), 0)
    assertOneLine(try sandbox.run(["export", "accounts", "-o", dangling]), "symbolic link")
    XCTAssertFalse(FileManager.default.fileExists(atPath: missing))
  }

  func testExportToAFifoOrADirectoryIsRefusedNamingIt() throws {
    let sandbox = try bookSandbox()
    let fifo = sandbox.path("pipe.csv")
    XCTAssertEqual(mkfifo(fifo, 0o600), 0)
    assertOneLine(try sandbox.run(["export", "accounts", "-o", fifo]), "refusing to write \(fifo): it is a named pipe")
    let directory = sandbox.path("folder.csv")
    try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: false)
    assertOneLine(
      try sandbox.run(["export", "accounts", "-o", directory]), "refusing to write \(directory): it is a directory")
    XCTAssertEqual(try temporaries(in: sandbox.directory), [])
  }

  func testExportFilesAre0600UnderUmask022AndReplaceAnOldFile() throws {
    let sandbox = try bookSandbox()
    let target = sandbox.path("clients.csv")
    let result = try sandbox.shell("umask 022; \"$RAPPORT\" export accounts -o \(quoted(target))")
    XCTAssertEqual(result.status, 0, result.summary)
    XCTAssertEqual(try mode(of: target), 0o600)
    XCTAssertTrue(String(decoding: sandbox.bytes(of: target) ?? [], as: UTF8.self).hasPrefix("account,name,"))

    // An old world-readable export is replaced by a new 0600 file (never chmod-ed in place).
    let old = sandbox.path("old.json")
    try sandbox.write(Array("old".utf8), to: old)
    chmod(old, 0o644)
    var before = stat()
    XCTAssertEqual(stat(old, &before), 0)
    let again = try sandbox.shell("umask 022; \"$RAPPORT\" export accounts --format json -o \(quoted(old))")
    XCTAssertEqual(again.status, 0, again.summary)
    XCTAssertEqual(try mode(of: old), 0o600)
    var after = stat()
    XCTAssertEqual(stat(old, &after), 0)
    XCTAssertNotEqual(after.st_ino, before.st_ino, "a new file renamed over the old one")
    XCTAssertTrue(String(decoding: sandbox.bytes(of: old) ?? [], as: UTF8.self).hasPrefix("[{"))
    XCTAssertEqual(try temporaries(in: sandbox.directory), [])
  }

  /// A write that fails half way (the file size limit: 512 bytes) leaves the old file as it was and no
  /// temporary behind.
  func testAFailedExportLeavesTheTargetAsItWas() throws {
    let sandbox = try bookSandbox()
    try sandbox.succeed([
      "account", "add", "long", "--name", String(repeating: "A long name ", count: 200), "--tier", "2",
    ])
    let target = sandbox.path("clients.csv")
    try sandbox.write(Array("the previous export\n".utf8), to: target)
    let result = try sandbox.shell("ulimit -f 1; \"$RAPPORT\" export accounts -o \(quoted(target))")
    assertOneLine(result, "writing \(target) failed: the file size limit was reached (EFBIG)")
    XCTAssertTrue(result.stderr.contains("left as it was"), result.summary)
    XCTAssertEqual(sandbox.bytes(of: target), Array("the previous export\n".utf8))
    XCTAssertEqual(try temporaries(in: sandbox.directory), [])
  }

  private func mode(of path: String) throws -> mode_t {
    var info = stat()
    guard stat(path, &info) == 0 else { throw POSIXError(.init(rawValue: errno) ?? .EIO) }
    return info.st_mode & 0o777
  }

  private func temporaries(in directory: String) throws -> [String] {
    try FileManager.default.contentsOfDirectory(atPath: directory).filter { $0.contains(".tmp-") }
  }

  // MARK: What the cells hold

  func testFormulaCellsArePrefixedAndNumbersKept() throws {
    let sandbox = try makeSandbox()
    try sandbox.succeed(["init"])
    try sandbox.succeed(["account", "add", "acme", "--name", "=HYPERLINK(\"http://x\",\"y\")", "--tier", "1"])
    try sandbox.succeed(["account", "add", "at", "--name", "@SUM(1)", "--tier", "2"])
    for summary in ["+cmd|' /C calc'!A0", "-2+3", "-3", "-2.5", "1e3"] {
      try sandbox.succeed(["touch", "acme", "--kind", "note", "--summary=\(summary)", "--date", "2026-11-20"])
    }
    let accounts = try sandbox.succeed(["export", "accounts"]).stdout
    XCTAssertTrue(accounts.contains("\r\nacme,\"'=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\",1,"), accounts)
    XCTAssertTrue(accounts.contains("\r\nat,'@SUM(1),2,"), accounts)
    let touchpoints = try sandbox.succeed(["export", "touchpoints"]).stdout
    for cell in [",'+cmd|' /C calc'!A0,", ",'-2+3,", ",-3,", ",-2.5,", ",1e3,"] {
      XCTAssertTrue(touchpoints.contains(cell), "\(cell) in \(touchpoints)")
    }
    XCTAssertFalse(touchpoints.contains(",-2+3,"), touchpoints)
    // The same rule for the board's CSV, and JSON keeps the text as it is.
    XCTAssertTrue(
      try sandbox.succeed(["board", "--format", "csv"]).stdout.contains(",'@SUM(1),"), "board --format csv")
    let json = try XCTUnwrap(
      try parseJSON(try sandbox.succeed(["export", "accounts", "--format", "json"]).stdout) as? [[String: Any]])
    XCTAssertEqual(json.first?["name"] as? String, "=HYPERLINK(\"http://x\",\"y\")")
  }

  func testControlCharactersAreEscapedInCSVAndJSON() throws {
    let sandbox = try makeSandbox()
    try sandbox.succeed(["init"])
    let name = "Acme \(esc)red\(bel) \(rlo)evil\u{85}end"
    try sandbox.succeed(["account", "add", "acme", "--name", name, "--tier", "1"])
    try sandbox.succeed(["touch", "acme", "--kind", "call", "--summary", "two\nlines \(rlo)x", "--date", "2026-11-20"])
    for arguments in [
      ["export", "accounts"], ["export", "touchpoints"], ["export", "accounts", "--format", "json"],
      ["export", "touchpoints", "--format", "json"], ["export", "board", "--format", "json"],
      ["board", "--format", "csv"],
      ["board", "--format", "json"], ["account", "list", "--format", "json"],
    ] {
      let bytes = try sandbox.succeed(arguments).stdoutBytes
      XCTAssertFalse(bytes.contains(0x1B), "no raw ESC in \(arguments)")
      XCTAssertFalse(bytes.contains(0x07), "no raw BEL in \(arguments)")
      XCTAssertNil(find([0xE2, 0x80, 0xAE], in: bytes), "no raw RLO in \(arguments)")
      XCTAssertNil(find([0xC2, 0x85], in: bytes), "no raw NEL in \(arguments)")
    }
    let csv = try sandbox.succeed(["export", "accounts"]).stdout
    XCTAssertTrue(csv.contains("Acme \\u001b[31mred\\u0007 \\u202eevil\\u0085end,"), csv)
    let touchCSV = try sandbox.succeed(["export", "touchpoints"]).stdout
    XCTAssertTrue(touchCSV.contains("\"two\nlines \\u202ex\""), "a line feed stays, in a quoted cell: \(touchCSV)")

    let json = try sandbox.succeed(["export", "accounts", "--format", "json"]).stdout
    XCTAssertTrue(json.contains(#""Acme \u001b[31mred\u0007 \u202eevil\u0085end""#), json)
    let parsed = try XCTUnwrap(try parseJSON(json) as? [[String: Any]])
    XCTAssertEqual(parsed.first?["name"] as? String, name, "JSON readers get the text back")
    XCTAssertEqual(
      try sandbox.succeed(["verify"]).status, 0, "the journal, written with the same escapes, stays sound")
  }

  private func find(_ needle: [UInt8], in haystack: [UInt8]) -> Int? {
    guard haystack.count >= needle.count else { return nil }
    return (0...(haystack.count - needle.count)).first { Array(haystack[$0..<($0 + needle.count)]) == needle }
  }

  // MARK: Numbers

  func testAbsurdUsageAndMoneyAreRefusedAndNothingWritten() throws {
    let sandbox = try bookSandbox()
    let journal = try sandbox.journalBytes()
    for arguments in [
      ["usage", "acme", "1e308"], ["usage", "acme", "1000000000000001"], ["usage", "acme", "inf"],
      ["usage", "acme", "nan"], ["account", "add", "big", "--name", "Big", "--value", "2e15"],
      ["account", "add", "big", "--name", "Big", "--value", "2000000000000000"],
      ["account", "set", "acme", "--value", "2000000000000000"],
    ] {
      let result = try sandbox.run(arguments + ["--today", "2026-11-23"])
      assertOneLine(result, "rapport: error: invalid ", status: 65)
      XCTAssertEqual(try sandbox.journalBytes(), journal, "\(arguments): nothing written")
    }
    let usage = try sandbox.run(["usage", "acme", "1e308"])
    XCTAssertEqual(usage.stderr, "rapport: error: invalid usage value '1e308': expected a number from 0 to 10^15\n")

    // An amendment is held to the same bound.
    let seq = try XCTUnwrap(
      try JournalFile.lines(try sandbox.journalBytes()).last(where: { $0.type == "usage.recorded" })?.seq)
    assertOneLine(try sandbox.run(["amend", String(seq), "--value", "1e308"]), "expected a number from 0", status: 65)
    XCTAssertEqual(try sandbox.journalBytes(), journal)

    // 10^15 itself is still a number a team could mean.
    try sandbox.succeed(["usage", "acme", "1000000000000000"])
  }
}
