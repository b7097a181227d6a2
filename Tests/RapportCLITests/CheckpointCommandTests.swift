import Foundation
import Glibc
import XCTest

/// The derived checkpoint, end to end: `rapport board` starts from it when it is valid (and prints
/// what a full replay prints), and falls back to a full replay when the journal changed under it, when
/// it is truncated, or when another version wrote it. RAPPORT_CHECKPOINT_DEBUG makes the binary say on
/// stderr how it opened the journal.
final class CheckpointCommandTests: RapportCLITestCase {
  private let debug = ["RAPPORT_CHECKPOINT_DEBUG": "1", "RAPPORT_CHECKPOINT_MIN_RECORDS": "1"]

  private func board(_ sandbox: RapportSandbox, _ extra: [String: String] = [:], arguments: [String] = [])
    throws -> RapportResult
  {
    let result = try sandbox.run(
      ["board", "--format", "json"] + arguments, environment: debug.merging(extra) { _, new in new })
    XCTAssertEqual(result.status, 0, result.summary)
    return result
  }

  private func checkpointLines(_ result: RapportResult) -> [String] {
    result.stderrLines.filter { $0.hasPrefix("rapport: checkpoint: ") }.map {
      String($0.dropFirst("rapport: checkpoint: ".count))
    }
  }

  private func checkpointFile(_ sandbox: RapportSandbox) throws -> String {
    let folder = sandbox.directory + "/cache/rapport/checkpoints"
    let names = try FileManager.default.contentsOfDirectory(atPath: folder).filter { $0.hasSuffix(".checkpoint") }
    XCTAssertEqual(names.count, 1, "one checkpoint per journal: \(names)")
    return folder + "/" + (try XCTUnwrap(names.first))
  }

  /// The demo book (a few thousand records) as the sandbox's journal, with its checkpoint written.
  private func demoWithCheckpoint() throws -> (RapportSandbox, seq: Int) {
    let sandbox = try makeSandbox()
    let demo = try sandbox.run(["demo", "--log", sandbox.journalPath, "--format", "json"], environment: debug)
    XCTAssertEqual(demo.status, 0, demo.summary)
    let lines = checkpointLines(demo)
    XCTAssertEqual(lines.first?.hasPrefix("rebuilt (no checkpoint)"), true, demo.summary)
    let written = try XCTUnwrap(lines.last, demo.summary)
    XCTAssertTrue(written.hasPrefix("written at seq "), demo.summary)
    let seq = try XCTUnwrap(Int(written.dropFirst("written at seq ".count).prefix { $0.isNumber }))
    var info = stat()
    XCTAssertEqual(stat(try checkpointFile(sandbox), &info), 0)
    XCTAssertEqual(info.st_mode & 0o777, 0o600)
    return (sandbox, seq)
  }

  func testBoardUsesAValidCheckpointAndPrintsWhatAFullReplayPrints() throws {
    let (sandbox, seq) = try demoWithCheckpoint()
    let fromCheckpoint = try board(sandbox)
    XCTAssertEqual(checkpointLines(fromCheckpoint), ["used at seq \(seq), 0 records after it"])
    let replayed = try board(sandbox, ["RAPPORT_NO_CHECKPOINT": "1"])
    XCTAssertEqual(checkpointLines(replayed), [], "RAPPORT_NO_CHECKPOINT=1 neither reads nor writes one")
    XCTAssertEqual(fromCheckpoint.stdout, replayed.stdout)
    let flagged = try board(sandbox, arguments: ["--no-checkpoint"])
    XCTAssertEqual(checkpointLines(flagged), [])
    XCTAssertEqual(flagged.stdout, replayed.stdout)
    XCTAssertNotNil(try parseJSON(fromCheckpoint.stdout) as? [Any])
  }

  func testAnAppendIsReadAsTheTailAfterTheCheckpoint() throws {
    let (sandbox, seq) = try demoWithCheckpoint()
    try sandbox.succeed(["account", "add", "zeta", "--name", "Zeta", "--tier", "2"])
    let after = try board(sandbox)
    XCTAssertEqual(checkpointLines(after), ["used at seq \(seq), 1 record after it"])
    XCTAssertTrue(after.stdout.contains("\"zeta\""), "the appended account is on the board")
    XCTAssertEqual(after.stdout, try board(sandbox, ["RAPPORT_NO_CHECKPOINT": "1"]).stdout)
  }

  func testAlteredRecordAtTheCheckpointIsRebuiltFromTheJournal() throws {
    let (sandbox, seq) = try demoWithCheckpoint()
    var bytes = try sandbox.journalBytes()
    let lines = try JournalFile.lines(bytes)
    let anchor = try XCTUnwrap(lines.first { $0.seq == seq })
    // One byte of the record's id: the line keeps its shape, its hash no longer matches.
    let idStart = try XCTUnwrap(
      anchor.bytes.indices.first { anchor.bytes[$0...].starts(with: Array("\"id\":\"".utf8)) })
    let target = anchor.offset + idStart + 6
    bytes[target] = bytes[target] == UInt8(ascii: "a") ? UInt8(ascii: "b") : UInt8(ascii: "a")
    try sandbox.write(bytes, to: sandbox.journalPath)

    let after = try board(sandbox)
    let said = checkpointLines(after)
    XCTAssertEqual(
      said.first?.hasPrefix("rebuilt (record \(seq) changed since the checkpoint was built)"), true, after.summary)
    XCTAssertTrue(said.last?.hasPrefix("written at seq \(seq)") ?? false, "a fresh checkpoint: \(after.summary)")
    XCTAssertEqual(after.stdout, try board(sandbox, ["RAPPORT_NO_CHECKPOINT": "1"]).stdout)
    XCTAssertEqual(checkpointLines(try board(sandbox)), ["used at seq \(seq), 0 records after it"])
  }

  func testTruncatedCheckpointIsRebuilt() throws {
    let (sandbox, seq) = try demoWithCheckpoint()
    let path = try checkpointFile(sandbox)
    XCTAssertEqual(truncate(path, off_t(FileSize.of(path) / 2)), 0)
    let after = try board(sandbox)
    XCTAssertEqual(
      checkpointLines(after).first?.hasPrefix("rebuilt (damaged or truncated"), true, after.summary)
    XCTAssertEqual(after.stdout, try board(sandbox, ["RAPPORT_NO_CHECKPOINT": "1"]).stdout)
    XCTAssertEqual(checkpointLines(try board(sandbox)), ["used at seq \(seq), 0 records after it"])
  }

  func testCheckpointFromAnotherVersionIsRebuilt() throws {
    let (sandbox, seq) = try demoWithCheckpoint()
    let path = try checkpointFile(sandbox)
    var bytes = try XCTUnwrap(sandbox.bytes(of: path))
    // The version text follows the magic and the format: change a digit of the build id.
    let marker = Array("build ".utf8)
    let start = try XCTUnwrap(bytes.indices.first { bytes[$0...].starts(with: marker) }) + marker.count
    bytes[start] = bytes[start] == UInt8(ascii: "0") ? UInt8(ascii: "1") : UInt8(ascii: "0")
    try sandbox.write(bytes, to: path)
    let after = try board(sandbox)
    XCTAssertEqual(checkpointLines(after).first?.hasPrefix("rebuilt (written by another version"), true, after.summary)
    XCTAssertEqual(checkpointLines(try board(sandbox)), ["used at seq \(seq), 0 records after it"])
  }

  func testDeletingTheCheckpointLosesNothing() throws {
    let (sandbox, _) = try demoWithCheckpoint()
    let before = try board(sandbox).stdout
    XCTAssertEqual(unlink(try checkpointFile(sandbox)), 0)
    let after = try board(sandbox)
    XCTAssertEqual(checkpointLines(after).first?.hasPrefix("rebuilt (no checkpoint)"), true)
    XCTAssertEqual(after.stdout, before)
  }
}

private enum FileSize {
  static func of(_ path: String) -> Int {
    var info = stat()
    return stat(path, &info) == 0 ? Int(info.st_size) : 0
  }
}
