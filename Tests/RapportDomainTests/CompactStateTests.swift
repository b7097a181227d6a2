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
    XCTAssertEqual(MemoryLayout<EntryMeta>.stride, 24, "no object: a checkpoint maps it")
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

  func testAParticipantsListComesBackAsItWas() {
    for list in [["Mei Chen", "Dana Lee"], ["a:b", "12:x", ""], ["東京 🚀"]] {
      XCTAssertEqual(PackedText(list: list).list, list)
    }
    XCTAssertEqual(PackedText(list: []).list, [])
    // The packed form is kept in checkpoints: each name's UTF-8 length in decimal, a colon, the name.
    XCTAssertEqual(PackedText(list: ["a:b", "12:x", "", "東京 🚀"]).string, "3:a:b4:12:x0:11:東京 🚀")
    let long = String(repeating: "n", count: 123)
    XCTAssertEqual(PackedText(list: [long, "x"]).string, "123:" + long + "1:x")
  }

  func testAKindReadThroughTheTableIsTheKindItsCodeNames() {
    let texts = TouchpointKind.allCases.map(\.rawValue) + ["", "Call", "call ", "check_in", "note\0", "qbr\u{301}"]
    for text in texts {
      XCTAssertEqual(TouchpointKind.named(text), TouchpointKind(rawValue: text), text)
    }
    XCTAssertEqual(TouchpointKind.named("30-day-check-in"), .thirtyDayCheckIn)
  }

  func testPackedTextKeepsTheTextAndComparesByIt() {
    let long = "Budget conversation for next year with Jonas Berg — 東京 🚀 " + String(repeating: "x", count: 300)
    let packed = PackedText(long)
    XCTAssertEqual(packed.string, long)
    XCTAssertEqual(PackedText("").string, "")
    XCTAssertEqual(PackedText("short").string, "short")
    XCTAssertEqual(PackedText(long), packed, "recent text is stored once")
    XCTAssertEqual(PackedText(long).reference, packed.reference)
    XCTAssertNotEqual(PackedText(long + "!"), packed)
    XCTAssertEqual(MemoryLayout<PackedText>.size, 8)
    // Equal texts stored apart (here, a block adopted as a checkpoint's) are equal, and hash alike.
    var block: [UInt8] = []
    TextStore.append(PackedText("first"), toBlock: &block)
    TextStore.append(packed, toBlock: &block)
    let chunk = try? XCTUnwrap(block.withUnsafeBytes { TextStore.adopt($0) })
    let adopted = PackedText(chunk: chunk ?? 0, offset: 4 + 5)
    XCTAssertNotEqual(adopted.reference, packed.reference)
    XCTAssertEqual(adopted, packed)
    XCTAssertEqual(adopted.hashValue, packed.hashValue)
    XCTAssertEqual(PackedText(chunk: chunk ?? 0, offset: 0).string, "first")
    // A block that does not split into texts is refused; a reference past the end reads as empty.
    XCTAssertNil([UInt8]([9, 0, 0, 0, 65]).withUnsafeBytes { TextStore.adopt($0) })
    XCTAssertEqual(PackedText(chunk: chunk ?? 0, offset: block.count + 100).string, "")
    XCTAssertEqual(
      MemoryLayout<Touchpoint>.size, 60,
      "the participants, summary and outcome take 8 bytes each; the play it closes one")
    XCTAssertLessThanOrEqual(MemoryLayout<Touchpoint>.stride, 64)
  }

  func testPermutingFollowsTheOrder() {
    XCTAssertEqual(["a", "b", "c", "d", "e"].reordered(by: [2, 0, 1, 4, 3]), ["c", "a", "b", "e", "d"])
    XCTAssertEqual(["a", "b"].reordered(by: [0, 1]), ["a", "b"])
    XCTAssertEqual([String]().reordered(by: []), [])
  }

  private func task(_ id: Int, _ text: String) throws -> TaskItem {
    try TaskItem(
      meta: EntryMeta(seq: id, recordedBy: "ana", recordedAt: Timestamp(milliseconds: 0)),
      data: JSONObject([("text", .string(text)), ("due", .string("2026-12-01"))]))
  }

  func testTaskTableFindsTasksByIdInAnyOrderOfArrival() throws {
    var table = TaskTable()
    for (id, text) in [(10, "ten"), (30, "thirty"), (20, "twenty"), (5, "five")] { table[id] = try task(id, text) }
    XCTAssertEqual(table.keys, [5, 10, 20, 30], "kept in id order")
    XCTAssertEqual(table.values.map(\.text), ["five", "ten", "twenty", "thirty"])
    XCTAssertEqual(table[20]?.text, "twenty")
    XCTAssertNil(table[15])
    XCTAssertNil(table[31])
    table[20]?.text = "twenty, edited"
    XCTAssertEqual(table[20]?.text, "twenty, edited")
    table[10] = nil
    XCTAssertEqual(table.keys, [5, 20, 30])
    XCTAssertEqual(table.count, 3)
    XCTAssertNil(table[10])
    XCTAssertEqual(TaskTable(ordered: [table.values]), table)
    XCTAssertNil(TaskTable(ordered: [[try task(2, "b")], [try task(1, "a")]]), "out of order is refused")
    let twice = [try task(2, "b"), try task(2, "again")]
    XCTAssertFalse(
      TaskTable(items: BookList(twice), ids: BookList(twice.map(\.id)), isOpen: [true, true]).isOrdered,
      "twice is refused")
  }

  func testEntryTableWordsRoundTripAndBadWordsAreRefused() throws {
    var table = EntryTable()
    table.append(.touchpoint(account: 2, index: 7))
    table.append(nil)
    table.append(.task(1))
    table.append(.fixed(type: "config.set"))
    table[9] = .usage(account: 1, index: Int(UInt32.max) + 1)  // kept aside
    let (packed, overflow) = table.words
    let words = Array(packed)
    let copy = EntryTable(packed: BookList(words), overflow: overflow)
    XCTAssertNil(copy.firstInvalidWord(accounts: 3))
    XCTAssertEqual(copy, table)
    XCTAssertEqual(copy[0], EntryRef.touchpoint(account: 2, index: 7))
    XCTAssertEqual(copy[9], EntryRef.usage(account: 1, index: Int(UInt32.max) + 1))

    XCTAssertEqual(copy.firstInvalidWord(accounts: 2), 0, "account 2 of 2")
    let withoutAside = EntryTable(packed: BookList(words), overflow: [:])
    XCTAssertNotNil(withoutAside.firstInvalidWord(accounts: 3), "the aside entry is missing")
    XCTAssertEqual(EntryTable(packed: [99], overflow: [:]).firstInvalidWord(accounts: 3), 0)
    XCTAssertEqual(
      EntryTable(packed: [13 | UInt64(EventType.allCases.count) << 8], overflow: [:]).firstInvalidWord(accounts: 3), 0,
      "no such event type")
  }

  func testTaskTableLookupsAgreeWithADictionaryOnUnevenIds() throws {
    // Ids bunched at both ends and sparse in the middle: the search's first guess is far off.
    var generator = SystemRandomNumberGenerator()
    var ids = Set<Int>()
    while ids.count < 400 { ids.insert(Int.random(in: 1...500, using: &generator)) }
    while ids.count < 420 { ids.insert(Int.random(in: 500...900_000, using: &generator)) }
    while ids.count < 800 { ids.insert(Int.random(in: 999_000...1_000_000, using: &generator)) }
    var table = TaskTable()
    var expected: [Int: String] = [:]
    for id in ids.sorted() {
      table[id] = try task(id, "t\(id)")
      expected[id] = "t\(id)"
    }
    for probe in Array(0...600) + Array(stride(from: 0, through: 1_000_100, by: 997)) + Array(ids) {
      XCTAssertEqual(table[probe]?.text, expected[probe], "id \(probe)")
    }
    XCTAssertEqual(table.keys, ids.sorted())
  }

  func testStringTableAgreesWithADictionary() {
    var table = StringTable<Int>()
    var expected: [String: Int] = [:]
    let keys = (0..<3_000).map { "acme-\($0)" } + ["", "東京-ロボ", "a", "café", "café\u{301}", "x\0y"]
    for (value, key) in keys.enumerated() {
      table[key] = value
      expected[key] = value
    }
    table["acme-7"] = -7
    expected["acme-7"] = -7
    table["ignored"] = nil
    XCTAssertEqual(table.count, expected.count)
    for key in keys + ["acme-3000", "missing", "cafe"] { XCTAssertEqual(table[key], expected[key], key) }
    // Canonically equal strings are the same key, as in a dictionary.
    XCTAssertEqual(table["cafe\u{301}"], expected["cafe\u{301}"])
  }
}
