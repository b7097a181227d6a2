import Foundation
import Glibc
import XCTest

/// `rapport backup DEST`: the nightly copy a team's host takes, byte for byte, verified, never over
/// anything, refused for a damaged journal.
final class BackupCommandTests: RapportCLITestCase {
  private func bookWithHistory(_ sandbox: RapportSandbox) throws {
    try sandbox.succeed(["init"])
    try sandbox.succeed(["account", "add", "acme", "--name", "Acme Café", "--tier", "1"])
    try sandbox.succeed(["touch", "acme", "--kind", "call", "--summary", "Kickoff — 予算", "--date", "2026-11-20"])
  }

  func testABackupIsTheJournalByteForByteAndVerifies() throws {
    let sandbox = try makeSandbox()
    try bookWithHistory(sandbox)
    let target = sandbox.path("nightly.jsonl")
    let backup = try sandbox.succeed(["backup", target])
    XCTAssertTrue(backup.stdout.hasPrefix("backed up 3 records of \(sandbox.journalPath) to \(target): last #3"))
    XCTAssertEqual(try Data(contentsOf: URL(fileURLWithPath: target)), Data(try sandbox.journalBytes()))
    var info = stat()
    XCTAssertEqual(stat(target, &info), 0)
    XCTAssertEqual(info.st_mode & 0o777, 0o600, "a backup is as private as the journal")
    let verify = try sandbox.run(["verify", "--log", target])
    XCTAssertEqual(verify.status, 0, verify.summary)
  }

  func testAFolderGetsACopyNamedAfterTheJournalAndTheTime() throws {
    let sandbox = try makeSandbox()
    try bookWithHistory(sandbox)
    let folder = sandbox.path("backups")
    XCTAssertEqual(mkdir(folder, 0o700), 0)
    try sandbox.succeed(["backup", folder])
    let names = try FileManager.default.contentsOfDirectory(atPath: folder)
    XCTAssertEqual(names.count, 1, "\(names)")
    let name = try XCTUnwrap(names.first)
    XCTAssertNotNil(name.wholeMatch(of: /journal-\d{8}-\d{6}\.jsonl/), name)
    XCTAssertEqual(try Data(contentsOf: URL(fileURLWithPath: folder + "/" + name)), Data(try sandbox.journalBytes()))
  }

  func testAnExistingFileOrAPlantedLinkIsNeverWrittenOver() throws {
    let sandbox = try makeSandbox()
    try bookWithHistory(sandbox)
    let existing = sandbox.path("existing.jsonl")
    try sandbox.write(Array("keep me\n".utf8), to: existing)
    let refused = try sandbox.run(["backup", existing])
    XCTAssertEqual(refused.status, 65, refused.summary)
    XCTAssertTrue(refused.stderr.contains("nothing was copied"), refused.summary)
    XCTAssertEqual(try String(contentsOfFile: existing, encoding: .utf8), "keep me\n")
    let link = sandbox.path("planted.jsonl")
    XCTAssertEqual(symlink(sandbox.path("elsewhere"), link), 0)
    let throughLink = try sandbox.run(["backup", link])
    XCTAssertEqual(throughLink.status, 65, throughLink.summary)
    XCTAssertEqual(access(sandbox.path("elsewhere"), F_OK), -1, "nothing written through the link")
  }

  func testADamagedJournalIsRefusedNamingItsFirstProblem() throws {
    let sandbox = try makeSandbox()
    try bookWithHistory(sandbox)
    var bytes = try sandbox.journalBytes()
    let secondLine = try XCTUnwrap(bytes.firstIndex(of: 0x0A)) + 1
    let summary = try XCTUnwrap(String(decoding: bytes, as: UTF8.self).range(of: "Acme Café"))
    let offset = String(decoding: bytes, as: UTF8.self).utf8.distance(
      from: String(decoding: bytes, as: UTF8.self).startIndex, to: summary.lowerBound)
    XCTAssertGreaterThan(offset, secondLine)
    bytes[offset] = UInt8(ascii: "E")
    try sandbox.write(bytes, to: sandbox.journalPath)
    let target = sandbox.path("nightly.jsonl")
    let refused = try sandbox.run(["backup", target])
    XCTAssertEqual(refused.status, 65, refused.summary)
    XCTAssertTrue(refused.stderr.contains("line 2"), refused.summary)
    XCTAssertEqual(access(target, F_OK), -1, "no partial backup")
  }
}
