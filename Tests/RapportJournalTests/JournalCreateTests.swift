import Foundation
import Glibc
import RapportJournal
import XCTest

final class JournalCreateTests: JournalTestCase {
  func testCreatesAFileOnlyItsOwnerCanReadOrWrite() throws {
    let previousMask = umask(0o022)
    defer { umask(previousMask) }
    let journal = try Journal.create(at: path("book.jsonl"), by: "ana", at: startTime)
    XCTAssertTrue(journal.exists)
    XCTAssertEqual(try fileMode(journal.path), 0o600)
  }

  func testFirstRecordIsJournalCreatedWithSequenceOne() throws {
    let journal = try Journal.create(at: path("book.jsonl"), by: "ana", at: startTime)
    let (records, outcome) = try scanAll(journal)
    XCTAssertEqual(records.count, 1)
    let genesis = try XCTUnwrap(records.first)
    XCTAssertEqual(genesis.type, "journal.created")
    XCTAssertEqual(genesis.type, Record.genesisType)
    XCTAssertEqual(genesis.seq, 1)
    XCTAssertEqual(genesis.offset, 0)
    XCTAssertEqual(genesis.schema, Record.currentSchema)
    XCTAssertEqual(genesis.recordedBy, "ana")
    XCTAssertEqual(genesis.recordedAt, startTime)
    XCTAssertNil(genesis.account)
    XCTAssertNil(genesis.batch)
    XCTAssertEqual(genesis.data["schema"]?.intValue, Record.currentSchema)
    XCTAssertEqual(genesis.hash.utf8.count, 64)
    XCTAssertEqual(outcome.position.lastSeq, 1)
    XCTAssertEqual(outcome.position.offset, try fileSize(journal.path))
    XCTAssertEqual(outcome.position.headHash, genesis.hash)
    XCTAssertNil(outcome.pendingTail)
    XCTAssertEqual(outcome.problems, [])
    let report = try journal.verify()
    XCTAssertTrue(report.isSound, "\(report.problems)")
    XCTAssertEqual(report.journalID, genesis.id)
  }

  func testLeavesNoTemporaryFilesBehind() throws {
    try Journal.create(at: path("book.jsonl"), by: "ana", at: startTime)
    XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: directory), ["book.jsonl"])
  }

  func testRefusesToOverwriteAnExistingFile() throws {
    let target = path("book.jsonl")
    let precious = Array("my precious notes\n".utf8)
    try overwrite(target, with: precious)
    let error = journalError(try Journal.create(at: target, by: "ana", at: startTime))
    XCTAssertEqual(error, .alreadyExists(path: target))
    XCTAssertEqual(try contents(of: target), precious)
    XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: directory), ["book.jsonl"])
  }

  func testRefusesToCreateTheSameJournalTwice() throws {
    let journal = try Journal.create(at: path("book.jsonl"), by: "ana", at: startTime)
    let before = try contents(of: journal.path)
    XCTAssertEqual(journalError(try Journal.create(at: journal.path, by: "bo")), .alreadyExists(path: journal.path))
    XCTAssertEqual(try contents(of: journal.path), before)
  }

  func testEachJournalHasItsOwnIdentity() throws {
    let first = try Journal.create(at: path("one.jsonl"), by: "ana", at: startTime)
    let second = try Journal.create(at: path("two.jsonl"), by: "ana", at: startTime)
    XCTAssertNotEqual(try first.verify().journalID, try second.verify().journalID)
  }

  func testScanningAMissingJournalSaysNotFound() throws {
    let journal = Journal(path: path("nowhere.jsonl"))
    XCTAssertFalse(journal.exists)
    XCTAssertEqual(journalError(try journal.scan { _ in }), .notFound(path: journal.path))
    XCTAssertEqual(journalError(try append([note(2)], to: journal)), .notFound(path: journal.path))
    XCTAssertFalse(journal.exists, "appending must not create a journal")
  }
}
