import Foundation
import RapportJournal
import XCTest

/// Journals of several megabytes take the reader's parallel path; a user must see the same records and
/// the same problems as with a small journal.
final class JournalLargeFileTests: JournalTestCase {
  private let count = 25_000

  private func makeLargeJournal() throws -> (journal: Journal, records: [Record], bytes: [UInt8]) {
    let journal = try Journal.create(at: path("large.jsonl"), by: "ana", at: startTime) { writer in
      for number in 2...self.count {
        try writer.append(
          self.note(number, text: "a note long enough to make the file large: \(number)"),
          at: self.time(minute: number), by: "ana")
      }
    }
    let records = try scanAll(journal).records
    let bytes = try contents(of: journal.path)
    XCTAssertGreaterThan(bytes.count, 5 << 20, "the journal must be large enough for the parallel reader")
    return (journal, records, bytes)
  }

  func testALargeJournalReadsWhole() throws {
    let (journal, records, bytes) = try makeLargeJournal()
    XCTAssertEqual(records.map(\.seq), Array(1...count))
    XCTAssertEqual(records.last?.data["n"]?.intValue, count)
    let report = try journal.verify()
    XCTAssertTrue(report.isSound, "\(report.problems.prefix(3))")
    XCTAssertEqual(report.bytes, UInt64(bytes.count))
  }

  /// On the parallel path the envelopes are read on the checking thread: every record, escapes,
  /// non-ASCII text, batches and records without an account included, is what the decoder reads.
  func testALargeJournalOfVariedRecordsReadsAsTheDecoderReadsEachLine() throws {
    let journal = try Journal.create(at: path("varied.jsonl"), by: "ana", at: startTime)
    for number in 2...6_000 {
      let text = "note \(number): \"quoted\" \\ {braces} [brackets] 東京 😀 \(String(repeating: "x", count: 700))"
      let drafts =
        number % 7 == 0
        ? [note(number, text: text), EventDraft(type: "config.set", data: JSONObject([("n", .number(0.5))]))]
        : [note(number, text: text)]
      _ = try append(drafts, to: journal, minute: number)
    }
    let bytes = try contents(of: journal.path)
    XCTAssertGreaterThan(bytes.count, 5 << 20, "the journal must be large enough for the parallel reader")
    let (records, outcome) = try scanAll(journal)
    XCTAssertTrue(outcome.problems.isEmpty, "\(outcome.problems.prefix(3))")
    XCTAssertGreaterThan(records.count, 6_000)
    XCTAssertTrue(records.contains { $0.batch != nil && $0.account == nil })
    try bytes.withUnsafeBytes { file in
      for record in records {
        let start = Int(record.offset)
        let end = try XCTUnwrap(file[start...].firstIndex(of: 0x0A))
        let line = UnsafeRawBufferPointer(rebasing: file[start..<end])
        XCTAssertEqual(record, try RecordDecoder.decode(line, offset: record.offset, previous: nil))
      }
    }
  }

  func testProblemsDeepInALargeJournalAreReportedExactly() throws {
    let (journal, records, original) = try makeLargeJournal()
    let altered = records[9_999]  // seq 10,000
    let removed = records[19_999]  // seq 20,000
    let next = records[20_000]
    var bytes = original
    let text = Array("note long".utf8)
    let start = Int(altered.offset)
    let found = try XCTUnwrap((start..<(start + 400)).first { Array(bytes[$0..<($0 + text.count)]) == text })
    bytes[found] = UInt8(ascii: "N")
    bytes.removeSubrange(Int(removed.offset)..<Int(next.offset))
    let lastLine = line(of: records[count - 1], in: original)
    bytes.removeLast(lastLine.count + 1 - 20)  // the last record torn after 20 bytes
    try overwrite(journal.path, with: bytes)

    let report = try journal.verify()
    XCTAssertEqual(
      report.problems,
      [
        LineProblem(
          seq: 10_000, offset: altered.offset, length: line(of: altered, in: original).count, kind: .checksumMismatch),
        LineProblem(
          seq: 20_000, offset: removed.offset, length: line(of: next, in: original).count,
          kind: .sequence(expected: 20_000, found: 20_001)),
        LineProblem(
          seq: count, offset: records[count - 1].offset - UInt64(next.offset - removed.offset), length: 20, kind: .torn),
      ])
    let read = try scanAll(journal).records
    XCTAssertEqual(read.count, count - 4)
    XCTAssertFalse(read.contains { [10_000, 20_000, 20_001, count].contains($0.seq) })
  }
}
