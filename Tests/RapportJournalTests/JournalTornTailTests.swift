import Foundation
import RapportJournal
import XCTest

final class JournalTornTailTests: JournalTestCase {
  func testATornLastLineIsIgnoredReportedAndSetAsideByTheNextAppend() throws {
    let (journal, records) = try makeJournal(records: 4)
    // A writer died halfway through the line of record 5.
    let victim = try append([note(5)], to: journal).records[0]
    let whole = try contents(of: journal.path)
    let line = line(of: victim, in: whole)
    let fragment = Array(line.prefix(line.count / 2))
    try truncateFile(journal.path, to: victim.offset + UInt64(fragment.count))

    let (read, scan) = try scanAll(journal)
    XCTAssertEqual(read, records, "a torn line is never delivered")
    XCTAssertEqual(scan.problems, [])
    XCTAssertEqual(scan.pendingTail, LineProblem(seq: 5, offset: victim.offset, length: fragment.count, kind: .torn))
    XCTAssertEqual(scan.position.offset, victim.offset)

    let report = try journal.verify()
    XCTAssertEqual(report.problems, [LineProblem(seq: 5, offset: victim.offset, length: fragment.count, kind: .torn)])
    XCTAssertEqual(report.records, 4)
    XCTAssertEqual(report.bytes, victim.offset)

    let replacement = note(5, text: "written again")
    let outcome = try append([replacement], to: journal)
    XCTAssertEqual(
      outcome.quarantined, [LineProblem(seq: 5, offset: victim.offset, length: fragment.count, kind: .torn)])
    XCTAssertEqual(outcome.records.map(\.seq), [5])
    XCTAssertEqual(outcome.records.first?.offset, victim.offset, "the fragment was cut off before appending")

    let entries = Quarantine(journal: journal).entries()
    XCTAssertEqual(entries.count, 1)
    XCTAssertEqual(entries.first?["offset"]?.intValue, Int(victim.offset))
    XCTAssertEqual(entries.first?["seq"]?.intValue, 5)
    XCTAssertEqual(try quarantinedBytes(of: entries.first), fragment)

    let after = try scanAll(journal)
    XCTAssertEqual(after.records.map(\.seq), [1, 2, 3, 4, 5])
    XCTAssertEqual(after.records.last?.id, replacement.id)
    XCTAssertEqual(try fileSize(journal.path), outcome.end.offset)
    XCTAssertTrue(try journal.verify().isSound)
  }

  func testArbitraryBytesOfATornTailArePreservedExactly() throws {
    let (journal, records) = try makeJournal(records: 3)
    let garbage: [UInt8] = [0x7B, 0x22, 0xFF, 0xFE, 0x00, 0x01, 0xC3, 0x28, 0x5C, 0x22, 0x80]
    let end = try fileSize(journal.path)
    try appendBytes(garbage, to: journal.path)
    let outcome = try append([note(4)], to: journal)
    XCTAssertEqual(outcome.quarantined, [LineProblem(seq: 4, offset: end, length: garbage.count, kind: .torn)])
    XCTAssertEqual(try quarantinedBytes(of: Quarantine(journal: journal).entries().first), garbage)
    let after = try scanAll(journal).records
    XCTAssertEqual(Array(after.prefix(3)), records)
    XCTAssertEqual(after.last?.seq, 4)
    XCTAssertTrue(try journal.verify().isSound)
  }

  func testReadersIgnoreATornTailUntilItIsCompleted() throws {
    let (journal, _) = try makeJournal(records: 3)
    let victim = try append([note(4)], to: journal).records[0]
    let whole = try contents(of: journal.path)
    try truncateFile(journal.path, to: victim.offset + 7)
    let early = try journal.scan { _ in }
    XCTAssertEqual(early.pendingTail?.kind, .torn)
    // The writer was only slow, not dead: the rest of the line arrives.
    try appendBytes(Array(whole[Int(victim.offset + 7)...]), to: journal.path)
    var late: [Record] = []
    _ = try journal.scan(from: early.position) { late.append($0) }
    XCTAssertEqual(late, [victim])
  }

  func testRepeatedAppendsAfterARepairDoNotQuarantineAgain() throws {
    let (journal, _) = try makeJournal(records: 2)
    try appendBytes(Array(#"{"v":1,"seq":3,"#.utf8), to: journal.path)
    XCTAssertEqual(try append([note(3)], to: journal).quarantined.count, 1)
    XCTAssertEqual(try append([note(4)], to: journal).quarantined, [])
    XCTAssertEqual(Quarantine(journal: journal).entries().count, 1)
    XCTAssertTrue(try journal.verify().isSound)
  }
}
