import Foundation
import RapportJournal
import XCTest

/// Files Rapport must not misread or damage: journals from a newer Rapport, and files that are not journals.
final class JournalForeignFileTests: JournalTestCase {
  func testAJournalFromANewerRapportIsRefusedAndLeftUntouched() throws {
    let (journal, records) = try makeJournal(records: 3)
    var bytes = try contents(of: journal.path)
    let prefix = Array(#"{"v":1,"#.utf8)
    let start = Int(records[2].offset)
    XCTAssertEqual(Array(bytes[start..<(start + prefix.count)]), prefix)
    bytes[start + 5] = UInt8(ascii: "2")
    try overwrite(journal.path, with: bytes)
    let expected = JournalError.newerSchema(path: journal.path, found: 2, supported: 1, offset: records[2].offset)

    XCTAssertEqual(journalError(try journal.scan { _ in }), expected)
    XCTAssertEqual(journalError(try append([note(4)], to: journal)), expected)
    XCTAssertEqual(journalError(try journal.verify()), expected)
    XCTAssertEqual(try contents(of: journal.path), bytes)
    XCTAssertFalse(FileManager.default.fileExists(atPath: journal.quarantinePath))
    XCTAssertEqual(expected.description.contains("upgrade Rapport"), true)
  }

  func testANewerRecordBehindATornTailIsStillRefusedAndNothingIsTouched() throws {
    let (journal, records) = try makeJournal(records: 3)
    var bytes = try contents(of: journal.path)
    bytes[Int(records[2].offset) + 5] = UInt8(ascii: "7")
    bytes += Array(#"{"v":7,"seq":4"#.utf8)
    try overwrite(journal.path, with: bytes)
    guard case .newerSchema(_, let found, _, _) = journalError(try append([note(4)], to: journal)) else {
      return XCTFail("expected newerSchema")
    }
    XCTAssertEqual(found, 7)
    XCTAssertEqual(try contents(of: journal.path), bytes)
  }

  func testATextFileIsNotAJournal() throws {
    try assertNotAJournal(Array("Dear diary,\ntoday I wrote a file that is not JSON.\n".utf8))
  }

  func testATextFileWithoutANewlineIsNotAJournal() throws {
    try assertNotAJournal(Array("just one unfinished line".utf8))
  }

  func testJSONLinesThatAreNotRecordsAreNotAJournal() throws {
    try assertNotAJournal(Array("{\"name\":\"acme\"}\n{\"name\":\"globex\"}\n".utf8))
  }

  func testBinaryDataIsNotAJournal() throws {
    var generator = SystemRandomNumberGenerator()
    try assertNotAJournal((0..<4096).map { _ in UInt8.random(in: 0...255, using: &generator) } + [0x0A])
  }

  func testAnEmptyFileIsNotAJournal() throws {
    let target = path("empty.jsonl")
    try overwrite(target, with: [])
    let journal = Journal(path: target)
    guard case .notAJournal(let reportedPath, let detail) = journalError(try journal.scan { _ in }) else {
      return XCTFail("expected notAJournal")
    }
    XCTAssertEqual(reportedPath, target)
    XCTAssertTrue(detail.contains("empty"), detail)
    guard case .notAJournal = journalError(try append([note(1)], to: journal)) else {
      return XCTFail("expected notAJournal")
    }
    guard case .notAJournal = journalError(try journal.verify()) else { return XCTFail("expected notAJournal") }
    XCTAssertEqual(try fileSize(target), 0)
  }

  /// Scanning and verifying say "not a journal"; appending refuses; the file is never changed.
  private func assertNotAJournal(_ bytes: [UInt8], file: StaticString = #filePath, line: UInt = #line) throws {
    let target = path("notes.txt")
    try overwrite(target, with: bytes)
    let journal = Journal(path: target)
    guard case .notAJournal(let reportedPath, _) = journalError(try journal.scan { _ in }, file: file, line: line)
    else {
      return XCTFail("scan: expected notAJournal", file: file, line: line)
    }
    XCTAssertEqual(reportedPath, target, file: file, line: line)
    guard case .notAJournal = journalError(try journal.verify(), file: file, line: line) else {
      return XCTFail("verify: expected notAJournal", file: file, line: line)
    }
    XCTAssertNotNil(journalError(try append([note(2)], to: journal), file: file, line: line))
    XCTAssertEqual(try contents(of: target), bytes, "the file must not be changed", file: file, line: line)
    XCTAssertFalse(FileManager.default.fileExists(atPath: journal.quarantinePath), file: file, line: line)
  }
}
