import Glibc
import RapportJournal
import XCTest

/// Batch markers that do not agree with each other, as only a hand-edited (and re-chained) file can
/// have: readers refuse the members, and a writer refuses to set aside lines that are not the batch.
final class JournalForgedBatchTests: JournalTestCase {
  /// Appends correctly chained lines carrying the given batch markers after the journal's last record.
  private func appendForged(_ markers: [(Int, Int)], to journal: Journal, after last: Record) throws {
    var previous = Array(last.hash.utf8)
    var bytes: [UInt8] = []
    for (offset, marker) in markers.enumerated() {
      let line = RecordEncoder.line(
        for: note(100 + offset), seq: last.seq + 1 + offset, at: time(minute: 100 + offset), by: "eve", batch: marker,
        previous: previous)
      bytes += line.bytes
      previous = line.hash
    }
    try appendBytes(bytes, to: journal.path)
  }

  func testMembersThatDisagreeOnTheBatchSizeAreNotDelivered() throws {
    let (journal, records) = try makeJournal(records: 3)
    try appendForged([(1, 2), (2, 3), (3, 3)], to: journal, after: records[2])
    let (read, outcome) = try scanAll(journal)
    XCTAssertEqual(read.map(\.seq), [1, 2, 3], "no member of the forged batch is accepted")
    XCTAssertEqual(outcome.problems.first?.kind, .incompleteBatch)
    XCTAssertEqual(outcome.problems.first?.seq, 4)
  }

  func testAWriterRefusesToSetAsideLinesThatAreNotTheBatchTheLastLineClaims() throws {
    let (journal, records) = try makeJournal(records: 3)
    try appendForged([(5, 9)], to: journal, after: records[2])
    let before = try contents(of: journal.path)
    XCTAssertThrowsError(try append([note(50)], to: journal)) { error in
      guard case JournalError.damagedTail = error else { return XCTFail("expected damagedTail, got \(error)") }
    }
    XCTAssertEqual(try contents(of: journal.path), before, "nothing was moved out of the journal")
    XCTAssertTrue(Quarantine(journal: journal).entries().isEmpty)
  }
}
