import Foundation
import RapportJournal
import XCTest

final class JournalRoundTripTests: JournalTestCase {
  /// Strings a user might type or paste, including the characters JSON must escape.
  private let awkwardTexts = [
    "plain",
    "Zoë Ångström — 日本語のメモ 🎉👩🏽‍💻",
    #"she said "ship it" and left \ no backslash is safe \\"#,
    "line one\nline two\r\nline three",
    "tab\there, bell\u{07}, escape \u{1B}[31m, nul \u{00}, unit separator \u{1F}, delete \u{7F}",
    "C1 \u{85}\u{9B}, bidi \u{202E}txt\u{202C}, zero width \u{200B}, BOM \u{FEFF}",
    "",
  ]

  func testAppendedRecordsReadBackExactly() throws {
    let journal = try Journal.create(at: path("book.jsonl"), by: "ana", at: startTime)
    var appended: [Record] = []
    for (index, text) in awkwardTexts.enumerated() {
      var data = JSONObject()
      data["text"] = .string(text)
      data["amount"] = .number(1234.5)
      data["count"] = .number(-17)
      data["flags"] = .array([.bool(true), .bool(false), .null])
      data["nested"] = .object(JSONObject([("key \"quoted\"\n", .string(text)), ("ratio", .number(0.1))]))
      let draft = EventDraft(type: "note.added", account: index.isMultiple(of: 2) ? "acme" : nil, data: data)
      let outcome = try append([draft], to: journal, minute: index)
      XCTAssertEqual(outcome.records.count, 1)
      XCTAssertEqual(outcome.quarantined, [])
      XCTAssertEqual(outcome.records[0].id, draft.id)
      XCTAssertEqual(outcome.records[0].data, data)
      XCTAssertEqual(outcome.end.offset, try fileSize(journal.path))
      XCTAssertEqual(outcome.end.lastSeq, index + 2)
      appended += outcome.records
    }
    let (read, outcome) = try scanAll(journal)
    XCTAssertEqual(read.map(\.seq), Array(1...(awkwardTexts.count + 1)))
    XCTAssertEqual(Array(read.dropFirst()), appended)
    XCTAssertEqual(read.dropFirst().compactMap { $0.data["text"]?.stringValue }, awkwardTexts)
    XCTAssertEqual(outcome.problems, [])
    XCTAssertNil(outcome.pendingTail)
    XCTAssertEqual(outcome.position.headHash, appended.last?.hash)
    // One record per line: newlines inside strings are escaped.
    let bytes = try contents(of: journal.path)
    XCTAssertEqual(bytes.filter { $0 == 0x0A }.count, awkwardTexts.count + 1)
    XCTAssertEqual(bytes.last, 0x0A)
    XCTAssertTrue(try journal.verify().isSound)
  }

  func testSequenceNumbersAreContiguousAndEachRecordChainsOnThePrevious() throws {
    let (journal, records) = try makeJournal(records: 12)
    XCTAssertEqual(records.map(\.seq), Array(1...12))
    XCTAssertEqual(Set(records.map(\.id)).count, 12, "every record has its own id")
    XCTAssertEqual(Set(records.map(\.hash)).count, 12)
    XCTAssertEqual(records.map(\.recordedAt), (1...12).map { $0 == 1 ? startTime : time(minute: $0) })
    let bytes = try contents(of: journal.path)
    for (record, next) in zip(records, records.dropFirst()) {
      XCTAssertEqual(Int(next.offset), Int(record.offset) + line(of: record, in: bytes).count + 1)
    }
    let report = try journal.verify()
    XCTAssertTrue(report.isSound, "\(report.problems)")
    XCTAssertEqual(report.records, 12)
    XCTAssertEqual(report.lastSeq, 12)
    XCTAssertEqual(report.headHash, records.last?.hash)
    XCTAssertEqual(report.bytes, UInt64(bytes.count))
  }

  func testScanResumesFromAPositionWithOnlyNewRecords() throws {
    let (journal, _) = try makeJournal(records: 3)
    let first = try journal.scan { _ in }
    _ = try append([note(4)], to: journal)
    _ = try append([note(5)], to: journal)
    var later: [Record] = []
    let second = try journal.scan(from: first.position) { later.append($0) }
    XCTAssertEqual(later.map(\.seq), [4, 5])
    XCTAssertEqual(second.accepted, 2)
    XCTAssertEqual(second.position.lastSeq, 5)
    var none: [Record] = []
    let third = try journal.scan(from: second.position) { none.append($0) }
    XCTAssertEqual(none, [])
    XCTAssertEqual(third.position, second.position)
  }

  func testDraftsSeeTheEndOfTheJournalWhileHoldingTheLock() throws {
    let (journal, records) = try makeJournal(records: 4)
    var seen: JournalPosition?
    let outcome = try journal.append(by: "bo", at: time(minute: 9)) { end in
      seen = end
      return [note(5)]
    }
    XCTAssertEqual(seen?.lastSeq, 4)
    XCTAssertEqual(seen?.headHash, records.last?.hash)
    XCTAssertEqual(seen?.offset, outcome.records.first?.offset)
    XCTAssertEqual(outcome.records.first?.recordedBy, "bo")
  }

  func testAppendingNothingLeavesTheFileAlone() throws {
    let (journal, _) = try makeJournal(records: 2)
    let before = try contents(of: journal.path)
    let outcome = try journal.append(by: "ana") { _ in [] }
    XCTAssertEqual(outcome.records, [])
    XCTAssertEqual(outcome.end.lastSeq, 2)
    XCTAssertEqual(try contents(of: journal.path), before)
  }

  func testAFailingDraftBuilderWritesNothing() throws {
    struct Refused: Error {}
    let (journal, _) = try makeJournal(records: 2)
    let before = try contents(of: journal.path)
    XCTAssertThrowsError(try journal.append(by: "ana") { _ in throw Refused() }) { XCTAssertTrue($0 is Refused) }
    XCTAssertEqual(try contents(of: journal.path), before)
  }

  func testRefusesARecordOverTheSizeLimitAndWritesNothing() throws {
    let (journal, _) = try makeJournal(records: 2)
    let before = try contents(of: journal.path)
    let huge = note(3, text: String(repeating: "x", count: Journal.maximumRecordBytes))
    guard case .recordTooLarge(let bytes) = journalError(try append([note(3), huge], to: journal)) else {
      return XCTFail("expected recordTooLarge")
    }
    XCTAssertGreaterThan(bytes, Journal.maximumRecordBytes)
    XCTAssertEqual(try contents(of: journal.path), before)
  }
}
