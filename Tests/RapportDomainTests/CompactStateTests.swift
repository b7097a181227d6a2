import RapportJournal
import XCTest

@testable import RapportDomain

/// The compact forms of the folded state keep the values they replace.
final class CompactStateTests: XCTestCase {
  func testEntryMetaKeepsEveryField() {
    let time = Timestamp(milliseconds: 1_795_000_000_123)
    var meta = EntryMeta(seq: 42, recordedBy: "a.person.with.a.long.name@example.com", recordedAt: time)
    XCTAssertEqual(meta.seq, 42)
    XCTAssertEqual(meta.recordedBy, "a.person.with.a.long.name@example.com")
    XCTAssertEqual(meta.recordedAt, time)
    XCTAssertFalse(meta.isRetracted)
    XCTAssertFalse(meta.isAmended)
    let plain = meta

    meta.amendments.append(50)
    meta.amendments.append(51)
    meta.retraction = Retraction(seq: 60, reason: "wrong account", by: "bo")
    XCTAssertEqual(meta.amendments, [50, 51])
    XCTAssertEqual(meta.retraction, Retraction(seq: 60, reason: "wrong account", by: "bo"))
    XCTAssertTrue(meta.isRetracted && meta.isAmended)
    XCTAssertNotEqual(meta, plain)
    XCTAssertEqual(plain.amendments, [], "copies do not share corrections")

    meta.retraction = nil
    meta.amendments = []
    XCTAssertEqual(meta, plain)

    meta.seq = Int(UInt32.max) + 10
    XCTAssertEqual(meta.seq, Int(UInt32.max) + 10)
    meta.amendments = [7]
    XCTAssertEqual(meta.seq, Int(UInt32.max) + 10)
    meta.seq = 42
    meta.amendments = []
    XCTAssertEqual(meta, plain)
    meta.recordedBy = "bo"
    XCTAssertEqual(meta.recordedBy, "bo")
    XCTAssertEqual(MemoryLayout<EntryMeta>.size, 24)
  }

  func testEntryTableKeepsWhatDoesNotFitAside() {
    var table = EntryTable()
    table[3] = .touchpoint(account: 2, index: 7)
    table[5] = .usage(account: 1 << 25, index: 1)
    table[6] = .task(6)
    table[7] = .fixed(type: "account.created")
    table[8] = .fixed(type: "not.a.type")
    table[9] = .qbr(account: 3, index: Int(UInt32.max))
    XCTAssertEqual(table.count, 10)
    XCTAssertNil(table[0])
    XCTAssertNil(table[4])
    XCTAssertNil(table[10])
    XCTAssertNil(table[-1])
    XCTAssertEqual(table[3], .touchpoint(account: 2, index: 7))
    XCTAssertEqual(table[5], .usage(account: 1 << 25, index: 1))
    XCTAssertEqual(table[6], .task(6))
    XCTAssertEqual(table[7], .fixed(type: "account.created"))
    XCTAssertEqual(table[8], .fixed(type: "not.a.type"))
    XCTAssertEqual(table[9], .qbr(account: 3, index: Int(UInt32.max)))
    table[5] = .contact(account: 1, index: 2)
    XCTAssertEqual(table[5], .contact(account: 1, index: 2))
  }

  func testThePoolSharesEqualText() {
    var pool = TextPool()
    let first = pool.shared(String(repeating: "a long summary ", count: 2))
    let second = pool.shared(String(repeating: "a long summary ", count: 2))
    XCTAssertEqual(first, second)
    XCTAssertEqual(pool.shared(["Mei Chen"]), ["Mei Chen"])
    XCTAssertEqual(pool.shared([String]()), [])
    XCTAssertEqual(pool.shared("short"), "short")
    XCTAssertNil(pool.shared(String?.none))
  }

  func testPermutingFollowsTheOrder() {
    XCTAssertEqual(Assessor.permuted(["a", "b", "c", "d", "e"], to: [2, 0, 1, 4, 3]), ["c", "a", "b", "e", "d"])
    XCTAssertEqual(Assessor.permuted(["a", "b"], to: [0, 1]), ["a", "b"])
    XCTAssertEqual(Assessor.permuted([String](), to: []), [])
  }
}
