import Foundation
import RapportJournal
import XCTest

final class JournalBatchTests: JournalTestCase {
  func testABatchIsNumberedWithinItself() throws {
    let (journal, _) = try makeJournal(records: 2)
    let outcome = try append([note(3), note(4), note(5)], to: journal, minute: 3)
    XCTAssertEqual(outcome.records.map(\.seq), [3, 4, 5])
    XCTAssertEqual(outcome.records.map { $0.batch?.index }, [1, 2, 3])
    XCTAssertEqual(outcome.records.map { $0.batch?.size }, [3, 3, 3])
    XCTAssertEqual(outcome.records.map(\.closesBatch), [false, false, true])
    XCTAssertEqual(outcome.records.map(\.recordedAt), Array(repeating: time(minute: 3), count: 3))
    let (read, scan) = try scanAll(journal)
    XCTAssertEqual(Array(read.suffix(3)), outcome.records)
    XCTAssertNil(scan.pendingTail)
    XCTAssertTrue(try journal.verify().isSound)
    // A single append carries no batch field.
    XCTAssertNil(try append([note(6)], to: journal).records.first?.batch)
  }

  func testAWriterKilledMidBatchLeavesNothingVisibleAndTheNextAppendSetsItAside() throws {
    let (journal, _) = try makeJournal(records: 2)
    let batch = try append([note(3), note(4), note(5)], to: journal, minute: 3).records
    let whole = try contents(of: journal.path)
    // The writer died after the second line of the batch reached the file.
    try truncateFile(journal.path, to: batch[2].offset)
    let orphans = Array(whole[Int(batch[0].offset)..<Int(batch[2].offset)])

    let (read, scan) = try scanAll(journal)
    XCTAssertEqual(read.map(\.seq), [1, 2], "the orphans of an unfinished batch must not be delivered")
    XCTAssertEqual(scan.accepted, 2)
    XCTAssertEqual(scan.problems, [])
    XCTAssertEqual(scan.pendingTail?.kind, .incompleteBatch)
    XCTAssertEqual(scan.pendingTail?.seq, 3)
    XCTAssertEqual(scan.pendingTail?.offset, batch[0].offset)
    XCTAssertEqual(scan.position.offset, batch[0].offset, "a reader resumes before the unfinished batch")
    XCTAssertEqual(scan.position.lastSeq, 2)

    let report = try journal.verify()
    XCTAssertFalse(report.isSound)
    XCTAssertEqual(report.firstProblem?.kind, .incompleteBatch)
    XCTAssertEqual(report.firstProblem?.seq, 3)
    XCTAssertEqual(report.firstProblem?.offset, batch[0].offset)
    XCTAssertEqual(report.records, 2)

    let next = note(6)
    let outcome = try append([next], to: journal, minute: 6)
    XCTAssertEqual(outcome.quarantined.map(\.kind), [.incompleteBatch])
    XCTAssertEqual(outcome.quarantined.first?.seq, 3)
    XCTAssertEqual(outcome.quarantined.first?.offset, batch[0].offset)
    XCTAssertEqual(outcome.quarantined.first?.length, orphans.count)
    XCTAssertEqual(outcome.records.map(\.seq), [3], "the new record takes the first orphan's place")
    XCTAssertEqual(outcome.records.first?.offset, batch[0].offset)

    let entries = Quarantine(journal: journal).entries()
    XCTAssertEqual(entries.count, 1)
    XCTAssertEqual(entries.first?["offset"]?.intValue, Int(batch[0].offset))
    XCTAssertEqual(entries.first?["seq"]?.intValue, 3)
    XCTAssertEqual(entries.first?["length"]?.intValue, orphans.count)
    XCTAssertEqual(entries.first?["journal"]?.stringValue, journal.path)
    XCTAssertEqual(try quarantinedBytes(of: entries.first), orphans, "the orphans' bytes are kept, not dropped")
    XCTAssertEqual(try fileMode(Quarantine(journal: journal).path), 0o600, "set-aside records stay private")

    let after = try scanAll(journal)
    XCTAssertEqual(after.records.map(\.seq), [1, 2, 3])
    XCTAssertEqual(after.records.last?.id, next.id)
    XCTAssertNil(after.outcome.pendingTail)
    let verified = try journal.verify()
    XCTAssertTrue(verified.isSound, "\(verified.problems)")
    XCTAssertEqual(verified.lastSeq, 3)
  }

  func testAReaderWaitsForTheRestOfABatchThatIsStillBeingWritten() throws {
    let (journal, _) = try makeJournal(records: 2)
    let batch = try append([note(3), note(4), note(5)], to: journal).records
    let whole = try contents(of: journal.path)
    try truncateFile(journal.path, to: batch[2].offset)
    let early = try journal.scan { _ in }
    XCTAssertEqual(early.pendingTail?.kind, .incompleteBatch)
    // The writer finishes its batch.
    try appendBytes(Array(whole[Int(batch[2].offset)...]), to: journal.path)
    var late: [Record] = []
    let outcome = try journal.scan(from: early.position) { late.append($0) }
    XCTAssertEqual(late, batch)
    XCTAssertNil(outcome.pendingTail)
    XCTAssertEqual(outcome.position.lastSeq, 5)
  }

  func testAnUnfinishedBatchFollowedByATornLineIsSetAsideWhole() throws {
    let (journal, _) = try makeJournal(records: 2)
    let batch = try append([note(3), note(4), note(5)], to: journal).records
    let whole = try contents(of: journal.path)
    // Killed in the middle of the batch's last line.
    let cut = batch[2].offset + 10
    try truncateFile(journal.path, to: cut)
    let outcome = try append([note(6)], to: journal)
    XCTAssertEqual(outcome.quarantined.map(\.kind), [.torn, .incompleteBatch])
    XCTAssertEqual(outcome.records.first?.seq, 3)
    let entries = Quarantine(journal: journal).entries()
    XCTAssertEqual(entries.compactMap { $0["offset"]?.intValue }, [Int(batch[2].offset), Int(batch[0].offset)])
    XCTAssertEqual(
      try entries.map { try quarantinedBytes(of: $0) }.reversed().joined().map { $0 },
      Array(whole[Int(batch[0].offset)..<Int(cut)]))
    XCTAssertTrue(try journal.verify().isSound)
  }
}
