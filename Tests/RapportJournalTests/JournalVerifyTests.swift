import Foundation
import RapportJournal
import XCTest

/// `verify` must name the first bad record by its sequence number and byte offset, so a user can find it.
final class JournalVerifyTests: JournalTestCase {
  private var journal = Journal(path: "")
  private var records: [Record] = []
  private var original: [UInt8] = []

  override func setUpWithError() throws {
    try super.setUpWithError()
    (journal, records) = try makeJournal(records: 20)
    original = try contents(of: journal.path)
  }

  private func record(_ seq: Int) -> Record { records[seq - 1] }

  private func lineBytes(_ seq: Int) -> [UInt8] { line(of: record(seq), in: original) }

  func testASoundJournalVerifies() throws {
    let report = try journal.verify()
    XCTAssertTrue(report.isSound)
    XCTAssertNil(report.firstProblem)
    XCTAssertEqual(report.records, 20)
    XCTAssertEqual(report.lastSeq, 20)
    XCTAssertEqual(report.journalID, record(1).id)
    XCTAssertEqual(report.headHash, record(20).hash)
    XCTAssertEqual(report.bytes, UInt64(original.count))
    XCTAssertEqual(report.path, journal.path)
  }

  func testAChangedByteIsReportedAtItsRecord() throws {
    var bytes = original
    let text = Array("note 7".utf8)
    let start = Int(record(7).offset)
    let found = try XCTUnwrap(
      (start..<(start + lineBytes(7).count)).first { Array(bytes[$0..<($0 + text.count)]) == text })
    bytes[found] = UInt8(ascii: "N")
    try overwrite(journal.path, with: bytes)

    let report = try journal.verify()
    XCTAssertEqual(
      report.firstProblem,
      LineProblem(seq: 7, offset: record(7).offset, length: lineBytes(7).count, kind: .checksumMismatch))
    XCTAssertEqual(report.problems.count, 1, "one altered record must not condemn the records after it")
    XCTAssertEqual(report.records, 19)
    XCTAssertEqual(report.lastSeq, 20)
    let read = try scanAll(journal).records
    XCTAssertEqual(read.map(\.seq), Array(1...6) + Array(8...20), "the altered record is not delivered")
  }

  func testADeletedRecordIsReportedWhereTheNextOneNowStarts() throws {
    let bytes = Array(original[..<Int(record(7).offset)]) + Array(original[Int(record(8).offset)...])
    try overwrite(journal.path, with: bytes)

    let report = try journal.verify()
    XCTAssertEqual(
      report.firstProblem,
      LineProblem(seq: 7, offset: record(7).offset, length: lineBytes(8).count, kind: .sequence(expected: 7, found: 8)))
    XCTAssertEqual(report.problems.count, 1)
    XCTAssertEqual(report.firstProblem?.reason.contains("records removed"), true)
  }

  func testSwappedRecordsAreReportedAtTheFirstMovedLine() throws {
    let bytes =
      Array(original[..<Int(record(7).offset)]) + lineBytes(8) + [0x0A] + lineBytes(7) + [0x0A]
      + Array(original[Int(record(9).offset)...])
    XCTAssertEqual(bytes.count, original.count)
    try overwrite(journal.path, with: bytes)

    let report = try journal.verify()
    XCTAssertEqual(report.firstProblem?.seq, 7)
    XCTAssertEqual(report.firstProblem?.offset, record(7).offset)
    XCTAssertEqual(report.firstProblem?.kind, .sequence(expected: 7, found: 8))
    // Record 7, now second, is out of order; record 9 no longer chains on the line before it.
    XCTAssertEqual(
      report.problems,
      [
        LineProblem(
          seq: 7, offset: record(7).offset, length: lineBytes(8).count, kind: .sequence(expected: 7, found: 8)),
        LineProblem(
          seq: 9, offset: record(7).offset + UInt64(lineBytes(8).count) + 1, length: lineBytes(7).count,
          kind: .sequence(expected: 9, found: 7)),
        LineProblem(seq: 9, offset: record(9).offset, length: lineBytes(9).count, kind: .checksumMismatch),
      ])
    XCTAssertEqual(report.problems[1].reason.contains("moved or duplicated"), true)
  }

  func testADuplicatedRecordIsReported() throws {
    let bytes =
      Array(original[..<Int(record(8).offset)]) + lineBytes(7) + [0x0A] + Array(original[Int(record(8).offset)...])
    try overwrite(journal.path, with: bytes)
    let report = try journal.verify()
    XCTAssertEqual(report.firstProblem?.offset, record(8).offset)
    XCTAssertEqual(report.firstProblem?.kind, .sequence(expected: 8, found: 7))
    XCTAssertEqual(report.records, 20, "every original record is still accepted")
  }

  func testATruncatedLastRecordIsReportedAsTorn() throws {
    let cut = lineBytes(20).count / 3
    try truncateFile(journal.path, to: record(20).offset + UInt64(cut))
    let report = try journal.verify()
    XCTAssertEqual(report.problems, [LineProblem(seq: 20, offset: record(20).offset, length: cut, kind: .torn)])
    XCTAssertEqual(report.lastSeq, 19)
    XCTAssertEqual(report.firstProblem?.description.hasPrefix("record 20 at byte \(record(20).offset): "), true)
  }

  func testRecordsCutFromTheEndAreNoticedThroughHeadMemory() throws {
    let memory = HeadMemory(path: path("state/rapport/heads.tsv"))
    XCTAssertTrue(try journal.verify(memory: memory).isSound)
    XCTAssertEqual(memory.entry(for: key)?.head, HeadMemory.Head(seq: 20, end: end(of: 20), hash: record(20).hash))

    try truncateFile(journal.path, to: record(18).offset)
    XCTAssertTrue(try journal.verify().isSound, "without memory, a cut at a line boundary cannot be seen")
    let report = try journal.verify(memory: memory)
    XCTAssertEqual(
      report.problems, [LineProblem(seq: 18, offset: record(18).offset, length: 0, kind: .missing(through: 20))])
    XCTAssertEqual(report.lastSeq, 17)
    XCTAssertEqual(memory.entry(for: key)?.head.seq, 20, "an unsound verify must not lower the remembered head")
  }

  func testRewrittenHistoryIsNoticedThroughHeadMemory() throws {
    let memory = HeadMemory(path: path("heads.tsv"))
    XCTAssertTrue(try journal.verify(memory: memory).isSound)
    // Someone with write access cuts the last records and writes other ones, correctly chained.
    try truncateFile(journal.path, to: record(18).offset)
    let forged = try (18...20).flatMap { try append([note($0, text: "forged \($0)")], to: journal).records }
    XCTAssertTrue(try journal.verify().isSound, "the chain alone cannot tell")
    let report = try journal.verify(memory: memory)
    XCTAssertEqual(report.problems, [LineProblem(seq: 20, offset: forged[2].offset, length: 0, kind: .rewritten)])
  }

  func testANoticedRewriteStaysUntilAcceptedAndNoWriteErasesIt() throws {
    let memory = HeadMemory(path: path("heads.tsv"))
    XCTAssertTrue(try journal.verify(memory: memory).isSound)
    try truncateFile(journal.path, to: record(18).offset)
    for seq in 18...20 { _ = try append([note(seq, text: "forged \(seq)")], to: journal) }
    XCTAssertFalse(try journal.verify(memory: memory).isSound)
    // Ordinary writes and reads go on: the alarm stands.
    _ = try append([note(21)], to: journal)
    memory.remember(HeadMemory.Head(seq: 21, end: try fileSize(), hash: "x"), for: key)
    let again = try journal.verify(memory: memory)
    XCTAssertFalse(again.isSound)
    guard case .changeNotAccepted(let noticed)? = again.problems.first?.kind else {
      return XCTFail("expected the standing alarm, got \(again.problems)")
    }
    XCTAssertTrue(noticed.contains("record 20"), noticed)
    let accepted = try journal.verify(memory: memory, acceptingRewrite: true)
    XCTAssertTrue(accepted.isSound)
    XCTAssertTrue(accepted.acceptedRewrite)
    XCTAssertTrue(try journal.verify(memory: memory).isSound, "accepted once, sound from then on")
  }

  func testACopyOfAJournalHasAMemoryOfItsOwn() throws {
    let memory = HeadMemory(path: path("heads.tsv"))
    XCTAssertTrue(try journal.verify(memory: memory).isSound)
    let copy = Journal(path: path("copy.jsonl"))
    try Data(contentsOf: URL(fileURLWithPath: journal.path)).write(to: URL(fileURLWithPath: copy.path))
    _ = try append([note(21)], to: copy)
    _ = try append([note(22)], to: copy)
    XCTAssertTrue(try copy.verify(memory: memory).isSound)
    XCTAssertTrue(try journal.verify(memory: memory).isSound, "the original is not alarmed by its copy")
  }

  private var key: HeadMemory.Key { journal.memoryKey(journalID: record(1).id) }

  private func end(of seq: Int) -> UInt64 { record(seq).offset + UInt64(lineBytes(seq).count) + 1 }

  private func fileSize() throws -> UInt64 {
    var info = stat()
    XCTAssertEqual(stat(journal.path, &info), 0)
    return UInt64(info.st_size)
  }

  func testHeadMemoryAdvancesWithTheJournal() throws {
    let memory = HeadMemory(path: path("heads.tsv"))
    XCTAssertNil(memory.entry(for: key))
    XCTAssertTrue(try journal.verify(memory: memory).isSound)
    let latest = try append([note(21)], to: journal).records[0]
    XCTAssertTrue(try journal.verify(memory: memory).isSound)
    XCTAssertEqual(memory.entry(for: key)?.head, HeadMemory.Head(seq: 21, end: try fileSize(), hash: latest.hash))
  }
}
