import Foundation
import Glibc
import XCTest

/// A journal that cannot be written: a full disk (file size limit), a read-only file, a missing
/// directory. Exit 74, one clear line, and nothing changed or created.
final class JournalIOFailureTests: RapportCLITestCase {
  /// The unit of `ulimit -f` in /bin/sh (dash counts 512-byte blocks, bash 1024), measured.
  private func ulimitBlockSize(_ sandbox: RapportSandbox) throws -> Int {
    let probe = try sandbox.shell("ulimit -f 8; exec cat /proc/self/limits")
    XCTAssertEqual(probe.status, 0, probe.summary)
    let line = try XCTUnwrap(probe.stdoutLines.first { $0.hasPrefix("Max file size") }, probe.stdout)
    let fields = line.split(separator: " ")
    let bytes = try XCTUnwrap(fields.count > 3 ? Int(fields[3]) : nil, line)
    XCTAssertTrue(bytes == 8 * 512 || bytes == 8 * 1024, "unexpected limit: \(line)")
    return bytes / 8
  }

  func testAnAppendPastTheFileSizeLimitFailsCleanlyAndChangesNothing() throws {
    let sandbox = try makeSandbox()
    try sandbox.initWithAcme()
    try sandbox.succeed(["touch", "acme", "--kind", "call", "--summary", "Kickoff"])
    let before = try sandbox.journalBytes()
    let block = try ulimitBlockSize(sandbox)
    // The limit lies just above the journal's size; the record is much longer than one block.
    let blocks = before.count / block + 1
    XCTAssertGreaterThan(blocks * block, before.count)
    let summary = String(repeating: "A long summary that will not fit. ", count: 4 * block / 34 + 20)
    XCTAssertGreaterThan(summary.utf8.count, 2 * block)

    let result = try sandbox.shell(
      "ulimit -f \(blocks); exec \"$RAPPORT\" touch acme --kind call --summary \"$SUMMARY\"",
      environment: ["SUMMARY": summary])
    XCTAssertFalse(result.signalled, "killed by a signal (SIGXFSZ not ignored?): \(result.summary)")
    XCTAssertEqual(result.status, 74, result.summary)
    XCTAssertEqual(result.stderrLines.count, 1, "expected one line on stderr: \(result.summary)")
    XCTAssertTrue(
      result.stderr.contains("EFBIG") || result.stderr.contains("file size limit"),
      "stderr does not name the limit: \(result.summary)")
    XCTAssertFalse(result.stdout.contains("saved"), result.summary)
    XCTAssertEqual(try sandbox.journalBytes(), before, "the journal changed after a failed append")
    XCTAssertNil(sandbox.bytes(of: sandbox.quarantinePath), "a quarantine file appeared")

    let verify = try sandbox.run(["verify"])
    XCTAssertEqual(verify.status, 0, verify.summary)
    XCTAssertTrue(verify.stdout.contains("sound"), verify.summary)
    // Without the limit, the same append succeeds and is the next record.
    let retry = try sandbox.run(["touch", "acme", "--kind", "call", "--summary", summary])
    XCTAssertEqual(retry.status, 0, retry.summary)
    XCTAssertEqual(retry.saved.map(\.seq), [4])
  }

  func testAnUnwritableJournalIsRefusedAndUnchanged() throws {
    let sandbox = try makeSandbox()
    try sandbox.initWithAcme()
    let before = try sandbox.journalBytes()
    if getuid() == 0 {
      // Root ignores mode bits; the immutable attribute stops root too.
      guard FileManager.default.isExecutableFile(atPath: "/usr/bin/chattr") else {
        return XCTFail("running as root without /usr/bin/chattr (e2fsprogs): cannot make the journal unwritable")
      }
      let set = try sandbox.runTool("/usr/bin/chattr", ["+i", sandbox.journalPath])
      guard set.status == 0 else {
        return XCTFail("running as root and `chattr +i` is not supported here: \(set.stderr)")
      }
    } else {
      XCTAssertEqual(chmod(sandbox.journalPath, 0o400), 0)
    }
    defer {
      if getuid() == 0 { _ = try? sandbox.runTool("/usr/bin/chattr", ["-i", sandbox.journalPath]) }
      chmod(sandbox.journalPath, 0o600)
    }

    let result = try sandbox.run(["usage", "acme", "5"])
    XCTAssertEqual(result.status, 74, result.summary)
    XCTAssertEqual(result.stderrLines.count, 1, "expected one line on stderr: \(result.summary)")
    XCTAssertTrue(result.stderr.contains("permission denied"), result.summary)
    XCTAssertTrue(
      result.stderr.contains(sandbox.journalPath), "the message does not name the journal: \(result.summary)")
    XCTAssertEqual(result.stdout, "", result.summary)
    XCTAssertEqual(try sandbox.journalBytes(), before)
    XCTAssertNil(sandbox.bytes(of: sandbox.quarantinePath))

    // Reading still works.
    let list = try sandbox.run(["account", "list"])
    XCTAssertEqual(list.status, 0, list.summary)
    XCTAssertTrue(list.stdout.contains("acme"), list.summary)
  }

  func testAJournalInADirectoryThatDoesNotExistIsAClearErrorAndCreatesNothing() throws {
    let sandbox = try makeSandbox()
    try sandbox.initWithAcme()
    let missingDirectory = sandbox.path("no-such-directory")
    let path = missingDirectory + "/journal.jsonl"
    for arguments in [
      ["usage", "acme", "5", "--log", path], ["account", "add", "beta", "--tier", "2", "--log", path],
      ["verify", "--log", path],
    ] {
      let result = try sandbox.run(arguments)
      XCTAssertEqual(result.status, 74, "\(arguments): \(result.summary)")
      XCTAssertEqual(result.stderrLines.count, 1, "\(arguments): expected one line on stderr: \(result.summary)")
      XCTAssertTrue(result.stderr.contains(path), "\(arguments): the message does not name the path: \(result.summary)")
      XCTAssertTrue(result.stderr.contains("rapport init"), "\(arguments): \(result.summary)")
      XCTAssertEqual(result.stdout, "", "\(arguments): \(result.summary)")
      XCTAssertFalse(
        FileManager.default.fileExists(atPath: missingDirectory), "\(arguments) created \(missingDirectory)")
    }
  }
}
