import Foundation
import RapportJournal
import XCTest

/// A batch larger than any memory budget (one `rapport import` of a million rows is one batch) is held
/// as a position while it is pending, not as records: its members are decoded again from the bytes, or
/// read again by number from a store, once its last line proves it complete. What a reader sees does
/// not change: the same records, problems, unfinished tail and position.
final class BatchMemoryTests: JournalTestCase {
  private let members = 20_000

  /// `count` notes, the same drafts (same ids) whichever way they are appended.
  private func drafts(_ count: Int) -> [EventDraft] {
    (0..<count).map { note($0 + 2, text: "usage sample \($0) for the batch memory test") }
  }

  /// A journal holding its genesis record and `drafts` appended as one batch.
  private func journalWithOneBatch(_ drafts: [EventDraft], named name: String = "batch.jsonl") throws -> (
    journal: Journal, batch: [Record]
  ) {
    let journal = try Journal.create(at: path(name), by: "ana", at: startTime)
    return (journal, try append(drafts, to: journal, minute: 1).records)
  }

  func testABatchOfTwentyThousandIsHeldAsAPositionAndFoldsAsSmallBatchesDo() throws {
    let drafts = drafts(members)
    let (journal, batch) = try journalWithOneBatch(drafts)
    let small = try Journal.create(at: path("small.jsonl"), by: "ana", at: startTime)
    for start in stride(from: 0, to: drafts.count, by: 50) {
      _ = try append(Array(drafts[start..<min(start + 50, drafts.count)]), to: small, minute: 1)
    }

    let bytes = try contents(of: journal.path)
    XCTAssertGreaterThan(bytes.count, 4 << 20, "large enough for the two-core scan")
    var read: [Record] = []
    let (outcome, holding) = try bytes.withUnsafeBytes {
      try JournalScanner.scanHolding($0, from: .start, path: journal.path) { read.append($0) }
    }
    XCTAssertEqual(holding.peakPendingMembers, members - 1, "the whole batch was pending at once")
    XCTAssertEqual(holding.membersReadAgain, members - 1, "and handed over by reading its lines again")
    XCTAssertEqual(holding.membersHeldUnbuilt, members - 1, "their records built only then, on two cores")
    XCTAssertEqual(Array(read.dropFirst()), batch, "the records as written: places, hashes, batch numbers")
    XCTAssertEqual(outcome.accepted, members + 1)
    XCTAssertEqual(outcome.problems, [])
    XCTAssertNil(outcome.pendingTail)
    XCTAssertEqual(outcome.position.offset, UInt64(bytes.count))
    XCTAssertEqual(outcome.position.lastSeq, members + 1)

    // The mapped file (whose pages are released once read, and fault back in when read again).
    let mapped = try scanAll(journal)
    XCTAssertEqual(mapped.records, read)
    XCTAssertEqual(mapped.outcome, outcome)

    let smallRecords = try scanAll(small).records
    func events(_ records: [Record]) -> [String] {
      records.map { "\($0.seq) \($0.id) \($0.type) \($0.account ?? "-") \($0.data)" }
    }
    XCTAssertEqual(events(read.dropFirst().map { $0 }), events(smallRecords.dropFirst().map { $0 }))
    XCTAssertTrue(try journal.verify().isSound)
  }

  func testABatchCutBeforeItsLastLineGivesTheSameTailWhicheverWayItIsRead() throws {
    let (journal, batch) = try journalWithOneBatch(drafts(members))
    let last = try XCTUnwrap(batch.last)
    try truncateFile(journal.path, to: last.offset)
    let bytes = try contents(of: journal.path)

    let (records, outcome) = try scanAll(journal)
    XCTAssertEqual(records.map(\.seq), [1], "no member of an unfinished batch is handed over")
    XCTAssertEqual(outcome.accepted, 1)
    XCTAssertEqual(outcome.problems, [])
    XCTAssertEqual(outcome.pendingTail?.kind, .incompleteBatch)
    XCTAssertEqual(outcome.pendingTail?.seq, 2)
    XCTAssertEqual(outcome.pendingTail?.offset, batch[0].offset)
    XCTAssertEqual(outcome.position.offset, batch[0].offset, "a reader resumes before the batch")
    XCTAssertEqual(outcome.position.lastSeq, 1)

    for reader: JournalScanner.BatchReader? in [nil, storeReader(bytes)] {
      let pieces = try scanInPieces(bytes, reader: reader)
      XCTAssertEqual(pieces.records, records)
      XCTAssertEqual(pieces.outcome, outcome)
    }
    let report = try journal.verify()
    XCTAssertEqual(report.firstProblem?.kind, .incompleteBatch)
    XCTAssertEqual(report.firstProblem?.offset, batch[0].offset)
    XCTAssertEqual(report.records, 1)
  }

  func testADamagedMemberInTheMiddleIsNamedByItsLine() throws {
    let (journal, batch) = try journalWithOneBatch(drafts(members))
    var bytes = try contents(of: journal.path)
    let damaged = batch[members / 2]
    let at = Int(damaged.offset) + 30
    bytes[at] = bytes[at] == UInt8(ascii: "x") ? UInt8(ascii: "y") : UInt8(ascii: "x")
    try overwrite(journal.path, with: bytes)

    let (records, outcome) = try scanAll(journal)
    XCTAssertEqual(records.map(\.seq), [1], "a batch with a damaged member is not handed over")
    XCTAssertEqual(outcome.problems.first?.kind, .incompleteBatch)
    XCTAssertEqual(outcome.problems.first?.seq, 2)
    XCTAssertEqual(outcome.problems.first?.offset, batch[0].offset)
    let named = outcome.problems.first { $0.offset == damaged.offset }
    XCTAssertEqual(named?.seq, damaged.seq)
    XCTAssertEqual(named?.kind, .checksumMismatch)
    XCTAssertEqual(named?.length, Int(batch[members / 2 + 1].offset - damaged.offset) - 1)

    for reader: JournalScanner.BatchReader? in [nil, storeReader(bytes)] {
      let pieces = try scanInPieces(bytes, reader: reader)
      XCTAssertEqual(pieces.records, records)
      XCTAssertEqual(pieces.outcome, outcome)
    }
    let report = try journal.verify()
    XCTAssertFalse(report.isSound)
    XCTAssertTrue(report.problems.contains { $0.offset == damaged.offset && $0.kind == .checksumMismatch })
  }

  func testAStoreScannedInPiecesKeepsAboutOnePieceWhateverTheBatch() throws {
    let (journal, batch) = try journalWithOneBatch(drafts(members))
    let bytes = try contents(of: journal.path)
    let (records, outcome) = try scanAll(journal)
    XCTAssertEqual(Array(records.dropFirst()), batch)

    let pieceBytes = 64 << 10
    let withReader = try scanInPieces(bytes, pieceBytes: pieceBytes, reader: storeReader(bytes))
    XCTAssertEqual(withReader.records, records)
    XCTAssertEqual(withReader.outcome, outcome)
    XCTAssertLessThan(withReader.peakBytesKept, 2 * pieceBytes, "pieces are let go once scanned")
    XCTAssertEqual(withReader.holding.membersReadThroughReader, members - 1, "the members read again by number")

    // Without a store to read them again from, the batch's bytes (never its records) wait.
    let withoutReader = try scanInPieces(bytes, pieceBytes: pieceBytes, reader: nil)
    XCTAssertEqual(withoutReader.records, records)
    XCTAssertEqual(withoutReader.outcome, outcome)
    XCTAssertGreaterThan(withoutReader.peakBytesKept, Int(batch[members - 1].offset - batch[0].offset))
    XCTAssertEqual(withoutReader.holding.membersReadThroughReader, 0)
  }

  /// On two cores, a member before the batch's last that the other thread checked and found sure to read
  /// is held without its record being built (it is built once, when the batch completes). Such members
  /// must be judged exactly as the one-thread reader judges every line: a member out of sequence or out
  /// of its place, with hashes that hold, breaks the batch; a member whose data must be parsed is parsed.
  func testMembersHeldWithoutTheirRecordsAreJudgedAsEveryOtherLine() throws {
    let (journal, batch) = try journalWithOneBatch(drafts(members))
    let original = try contents(of: journal.path)
    let line = { (member: Int) in member + 1 }  // the genesis record is line 0
    let edits: [(what: String, member: Int, change: (String) -> String, problem: LineProblem.Kind?)] = [
      (
        "a number that skips", 5000, { $0.replacingOccurrences(of: "\"seq\":5002,", with: "\"seq\":5009,") },
        .sequence(expected: 5002, found: 5009)
      ),
      (
        "a place in the batch that skips", 7000,
        { $0.replacingOccurrences(of: "\"batch\":[7001,", with: "\"batch\":[7003,") }, .incompleteBatch
      ),
      (
        "nested data that does not parse", 9000,
        { $0.replacingOccurrences(of: "\"data\":{", with: "\"data\":{\"m\":[1,],") }, nil
      ),
      ("a key twice", 3000, { $0.replacingOccurrences(of: "\"data\":{", with: "\"data\":{\"n\":0,") }, nil),
      (
        "nested data that parses", 9000, { $0.replacingOccurrences(of: "\"data\":{", with: "\"data\":{\"m\":[1,2],") },
        nil
      ),
    ]
    for edit in edits {
      var lines = original.split(separator: 0x0A).map { String(decoding: $0, as: UTF8.self) }
      let changed = edit.change(lines[line(edit.member)])
      XCTAssertNotEqual(changed, lines[line(edit.member)], edit.what)
      lines[line(edit.member)] = changed
      let bytes = Array(rechained(lines, from: line(edit.member)).joined(separator: "\n").utf8) + [0x0A]
      try overwrite(journal.path, with: bytes)

      let (records, outcome) = try scanAll(journal)
      let serial = try scanInPieces(bytes, reader: nil)
      XCTAssertEqual(records, serial.records, edit.what)
      XCTAssertEqual(outcome, serial.outcome, edit.what)
      let named = outcome.problems.first { $0.offset == batch[edit.member].offset }
      if edit.what == "nested data that parses" {
        XCTAssertEqual(outcome.problems, [], edit.what)
        XCTAssertEqual(records.count, members + 1, edit.what)
        XCTAssertEqual(records[line(edit.member)].data["m"], .array([.number(1), .number(2)]))
        continue
      }
      XCTAssertEqual(records.map(\.seq), [1], "\(edit.what): the batch is not handed over")
      XCTAssertEqual(outcome.problems.first?.kind, .incompleteBatch, edit.what)
      XCTAssertEqual(outcome.problems.first?.offset, batch[0].offset, edit.what)
      if let problem = edit.problem {
        XCTAssertEqual(named?.kind, problem, edit.what)
      } else {
        guard case .malformed? = named?.kind else { return XCTFail("\(edit.what): \(String(describing: named))") }
      }
    }
  }

  /// `lines` with the hashes of those from `first` on stated again, so that the chain holds.
  private func rechained(_ lines: [String], from first: Int) -> [String] {
    var lines = lines
    for index in first..<lines.count {
      let previous = Array(lines[index - 1].utf8.suffix(66).prefix(64))
      let bytes = Array(lines[index].utf8)
      let hash = bytes.withUnsafeBytes { raw in
        ChainHash.hash(previous: previous, body: UnsafeRawBufferPointer(rebasing: raw[..<(raw.count - 75)]))
      }
      lines[index] = String(decoding: bytes.prefix(bytes.count - 66) + hash + bytes.suffix(2), as: UTF8.self)
    }
    return lines
  }

  /// The scan fails (so whoever folds it discards the fold) rather than handing over other lines.
  func testLinesThatChangedBeforeTheyWereReadAgainAreAnError() throws {
    let drafts = drafts(members)
    let (journal, _) = try journalWithOneBatch(drafts)
    let bytes = try contents(of: journal.path)
    // Another journal with the same records, whose lines differ (other times, so other hashes).
    let other = try Journal.create(at: path("other.jsonl"), by: "ana", at: startTime)
    _ = try append(drafts, to: other, minute: 2)
    let otherBytes = try contents(of: other.path)

    XCTAssertThrowsError(try scanInPieces(bytes, pieceBytes: 64 << 10, reader: storeReader(otherBytes))) { error in
      guard case .system(let path, let operation, _) = error as? JournalError else { return XCTFail("\(error)") }
      XCTAssertEqual(path, "db")
      XCTAssertTrue(operation.contains("the journal changed while read"), operation)
    }
  }

  func testACopyStreamsABatchOfAnySizeAndStillRefusesOneCutShort() throws {
    let (journal, batch) = try journalWithOneBatch(drafts(members))
    let bytes = try contents(of: journal.path)
    var copied: [UInt8] = []
    var stream = JournalStreamScanner(path: "j", chunkBytes: 64 << 10)
    var largestEmit = 0
    let emit: (ArraySlice<UInt8>) throws -> Void = { lines in
      copied.append(contentsOf: lines)
      largestEmit = max(largestEmit, lines.count)
    }
    for start in stride(from: 0, to: bytes.count, by: 10_000) {
      try bytes[start..<min(start + 10_000, bytes.count)].withUnsafeBytes { try stream.feed($0, emit: emit) }
    }
    try stream.finish(emit: emit)
    XCTAssertEqual(copied, bytes)
    XCTAssertLessThan(largestEmit, 128 << 10, "the batch's lines are passed on as they come")
    XCTAssertEqual(stream.records, members + 1)
    XCTAssertEqual(stream.lines, members + 1)
    XCTAssertEqual(stream.position.offset, UInt64(bytes.count))

    // Cut before its last line, or damaged in the middle: refused, at the batch's first line.
    var damaged = bytes
    damaged[Int(batch[members / 2].offset) + 30] ^= 0x01
    for sample in [Array(bytes[..<Int(batch[members - 1].offset)]), damaged] {
      var cut = JournalStreamScanner(path: "j", chunkBytes: 64 << 10)
      XCTAssertThrowsError(
        try sample.withUnsafeBytes { raw in
          try cut.feed(raw) { _ in }
          try cut.finish { _ in }
        }
      ) { error in
        guard let unsound = error as? JournalStreamScanner.Unsound else { return XCTFail("\(error)") }
        XCTAssertEqual(unsound.line, 2)
        XCTAssertEqual(unsound.problem.kind, .incompleteBatch)
        XCTAssertEqual(unsound.problem.offset, batch[0].offset)
      }
    }
  }

  // MARK: Helpers

  /// Reads records' lines by number from `bytes`, as a store does.
  private func storeReader(_ bytes: [UInt8]) -> JournalScanner.BatchReader {
    let lines = bytes.split(separator: 0x0A, omittingEmptySubsequences: false)
    return { seqs, line in
      for seq in seqs where seq - 1 < lines.count {
        try Array(lines[seq - 1]).withUnsafeBytes { try line($0) }
      }
    }
  }

  private func scanInPieces(_ bytes: [UInt8], pieceBytes: Int = 256 << 10, reader: JournalScanner.BatchReader?) throws
    -> (
      records: [Record], outcome: JournalScanner.Outcome, peakBytesKept: Int, holding: JournalScanner.Holding
    )
  {
    var scanner = JournalPieceScanner(path: "db", from: .start, pieceBytes: pieceBytes, reader: reader)
    var records: [Record] = []
    var start = 0
    // Pieces of whole lines, as the database's stream hands them over.
    while start < bytes.count {
      var end = min(bytes.count, start + pieceBytes / 4)
      while end < bytes.count, bytes[end - 1] != 0x0A { end += 1 }
      try scanner.take(lines: Array(bytes[start..<end])) { records.append($0) }
      start = end
    }
    let outcome = try scanner.finish { records.append($0) }
    return (records, outcome, scanner.peakBytesKept, scanner.holding)
  }
}
