import Foundation
import XCTest

/// `rapport verify` names the first bad record (seq and byte offset) of an altered journal, exit 1.
final class TamperDetectionTests: RapportCLITestCase {
  /// A sound journal of 8 records: genesis, account, five touchpoints, an NPS response.
  private func makeJournal() throws -> (sandbox: RapportSandbox, bytes: [UInt8], lines: [JournalLine]) {
    let sandbox = try makeSandbox()
    try sandbox.initWithAcme()
    for number in 1...5 {
      try sandbox.succeed([
        "touch", "acme", "--kind", "call", "--summary", "Weekly call number \(number)", "--date", "2026-11-1\(number)",
      ])
    }
    try sandbox.succeed(["nps", "acme", "9", "--comment", "Happy"])
    let bytes = try sandbox.journalBytes()
    let lines = try JournalFile.lines(bytes)
    XCTAssertEqual(lines.map { $0.seq ?? -1 }, Array(1...8))
    let verify = try sandbox.run(["verify"])
    XCTAssertEqual(verify.status, 0, "the untouched journal is not sound: \(verify.summary)")
    return (sandbox, bytes, lines)
  }

  /// Writes `bytes` to a copy of the journal and checks that verify names `seq` at `offset`.
  private func assertVerifyNames(
    seq: Int, offset: Int, in bytes: [UInt8], named name: String, sandbox: RapportSandbox,
    file: StaticString = #filePath, line: UInt = #line
  ) throws {
    let path = sandbox.path(name + ".jsonl")
    try sandbox.write(bytes, to: path)

    let text = try sandbox.run(["verify", "--log", path])
    XCTAssertEqual(text.status, 1, "\(name): \(text.summary)", file: file, line: line)
    let first = text.stdoutLines.first ?? ""
    XCTAssertTrue(first.contains("NOT sound"), "\(name): \(text.summary)", file: file, line: line)
    XCTAssertTrue(
      first.contains("record \(seq) "), "\(name): the first line does not name record \(seq): \(first)", file: file,
      line: line)
    XCTAssertTrue(
      first.contains("byte \(offset)"), "\(name): the first line does not name byte \(offset): \(first)", file: file,
      line: line)
    XCTAssertEqual(sandbox.bytes(of: path), bytes, "\(name): verify changed the file", file: file, line: line)

    let json = try sandbox.run(["verify", "--log", path, "--format", "json"])
    XCTAssertEqual(json.status, 1, "\(name): \(json.summary)", file: file, line: line)
    let report = try XCTUnwrap(try parseJSON(json.stdout) as? [String: Any], file: file, line: line)
    XCTAssertEqual(report["sound"] as? Bool, false, "\(name): \(json.stdout)", file: file, line: line)
    let problems = try XCTUnwrap(
      report["problems"] as? [[String: Any]], "\(name): \(json.stdout)", file: file, line: line)
    let problem = try XCTUnwrap(problems.first, "\(name): no problems listed: \(json.stdout)", file: file, line: line)
    XCTAssertEqual((problem["seq"] as? NSNumber)?.intValue, seq, "\(name): \(json.stdout)", file: file, line: line)
    XCTAssertEqual(
      (problem["offset"] as? NSNumber)?.intValue, offset, "\(name): \(json.stdout)", file: file, line: line)
    XCTAssertNotNil(problem["reason"] as? String, file: file, line: line)
  }

  private func join(_ lines: [JournalLine]) -> [UInt8] {
    lines.flatMap { $0.bytes + [0x0A] }
  }

  func testAFlippedByteInARecordsDataIsNamed() throws {
    let (sandbox, bytes, lines) = try makeJournal()
    // Record 5's summary "Weekly call number 3": flip the case of its "W" (the JSON stays valid).
    let target = lines[4]
    let marker = Array("\"summary\":\"W".utf8)
    let found = try XCTUnwrap(
      (0...(target.bytes.count - marker.count)).first { target.bytes[$0..<($0 + marker.count)].elementsEqual(marker) })
    var altered = bytes
    altered[target.offset + found + marker.count - 1] ^= 0x20
    XCTAssertNoThrow(try JournalFile.lines(altered), "the altered file should still be JSON Lines")
    try assertVerifyNames(seq: 5, offset: target.offset, in: altered, named: "flipped", sandbox: sandbox)
  }

  func testADeletedLineIsNamed() throws {
    let (sandbox, _, lines) = try makeJournal()
    var kept = lines
    kept.remove(at: 3)  // record 4
    // Record 4 is missing: the line now at record 4's offset (record 5) is the first bad one.
    try assertVerifyNames(seq: 4, offset: lines[3].offset, in: join(kept), named: "deleted", sandbox: sandbox)
  }

  func testTwoSwappedLinesAreNamed() throws {
    let (sandbox, _, lines) = try makeJournal()
    var swapped = lines
    swapped.swapAt(3, 4)  // records 4 and 5
    try assertVerifyNames(seq: 4, offset: lines[3].offset, in: join(swapped), named: "swapped", sandbox: sandbox)
  }

  func testAFileTruncatedMidRecordIsNamed() throws {
    let (sandbox, bytes, lines) = try makeJournal()
    let target = lines[5]  // record 6: keep records 1…5 and half of 6
    let truncated = Array(bytes[..<(target.offset + target.bytes.count / 2)])
    try assertVerifyNames(seq: 6, offset: target.offset, in: truncated, named: "truncated", sandbox: sandbox)
  }

  func testTheUntouchedCopyIsSound() throws {
    // The control: the same copy procedure without an alteration verifies sound (exit 0).
    let (sandbox, bytes, _) = try makeJournal()
    let path = sandbox.path("copy.jsonl")
    try sandbox.write(bytes, to: path)
    let verify = try sandbox.run(["verify", "--log", path, "--format", "json"])
    XCTAssertEqual(verify.status, 0, verify.summary)
    let report = try XCTUnwrap(try parseJSON(verify.stdout) as? [String: Any])
    XCTAssertEqual(report["sound"] as? Bool, true)
    XCTAssertEqual((report["problems"] as? [Any])?.count, 0)
    XCTAssertEqual((report["records"] as? NSNumber)?.intValue, 8)
  }
}
