import Foundation
import Glibc
import RapportDomain
import RapportJournal
import RapportSample
import RapportTestSupport
import XCTest

@testable import RapportCheckpoint

/// Checkpoints: used when valid, refused when the journal or the file changed under them, and a book
/// from a checkpoint plus the journal's tail equals the book folded from the whole journal.
final class CheckpointTests: XCTestCase {
  private var directory = ""
  private var journal = Journal(path: "")
  private var store = CheckpointStore(directory: "")
  private let today = day("2026-11-23")

  override func setUpWithError() throws {
    try super.setUpWithError()
    directory = try TemporaryFolder.make("rapport-checkpoint-tests")
    store = CheckpointStore(directory: directory + "/cache/checkpoints")
    journal = try Self.generatedJournal(at: directory + "/book.jsonl", today: today)
  }

  override func tearDownWithError() throws {
    TemporaryFolder.remove(directory)
    try super.tearDownWithError()
  }

  /// A generated book (a few thousand events over a year) plus the entries the generator never makes:
  /// amendments, retractions, a handoff, a configuration change, a standup, a refused record.
  static func generatedJournal(at path: String, today: Day) throws -> Journal {
    let sample = SampleBook(
      accounts: 40, firstDay: today.adding(days: -365), lastDay: today, owners: ["ana", "bo", "cy"], seed: 3,
      limit: 6_000)
    let journal = try Journal.create(
      at: path, by: "ana", at: Timestamp(milliseconds: Int64(sample.firstDay.number - 1) * 86_400_000)
    ) { writer in
      try sample.generate { draft, time, user in try writer.append(draft, at: time, by: user) }
    }
    var desk = try Desk.open(journal, user: "ana")
    let slug = try XCTUnwrap(desk.book.slugs.first)
    let touchpoints = try desk.book.account(slug).touchpoints
    let first = try XCTUnwrap(touchpoints.first).meta.seq
    let last = try XCTUnwrap(touchpoints.last).meta.seq
    try desk.perform(.amend(seq: first, changes: JSONObject([("summary", .string("Amended: kick-off, 東京"))])))
    try desk.perform(.retract(seq: last, reason: "logged twice"))
    try desk.perform(.handOff(slug: slug, to: "dee", note: "new region"))
    try desk.perform(.setConfig(key: "checkin.tier1", value: 10, from: today.adding(days: -3)))
    try desk.perform(.recordStandup(day: today, owner: nil, discussed: [slug], skipped: [], actions: []))
    // A standup journaled as it went and held (a note, an action item, a card not reached), and one
    // still open for bo: the checkpoint keeps both.
    let others = Array(desk.book.slugs.dropFirst().prefix(3))
    let held = try desk.perform(
      .standup(
        .new(StandupPlan(day: today, owner: nil, agenda: [slug] + others)),
        .review(account: slug, outcome: .discussed, note: "Renewal in doubt")))
    let heldID = try XCTUnwrap(held.records.first?.id)
    try desk.perform(
      .standup(
        .open(id: heldID), .addAction(account: slug, text: "Call the CFO", due: today.adding(days: 4), owner: nil))
    )
    try desk.perform(.standup(.open(id: heldID), .review(account: others[0], outcome: .skipped, note: nil)))
    try desk.perform(.standup(.open(id: heldID), .finish))
    let open = try desk.perform(
      .standup(
        .new(StandupPlan(day: today, owner: "bo", agenda: others)),
        .review(account: others[1], outcome: .discussed, note: "Fine")))
    try desk.perform(
      .standup(.open(id: try XCTUnwrap(open.records.first?.id)), .changeAgenda(others + [slug], all: true)))
    XCTAssertEqual(desk.book.openStandups.map(\.notes), [[others[1]: "Fine"]])
    XCTAssertEqual(desk.book.standups.last?.notReached, [others[1], others[2]])
    _ = try journal.append(by: "ana") { _ in [EventDraft(type: "mystery.event", account: slug)] }
    // A record the fold refuses (a ticket that was never opened): an anomaly.
    _ = try journal.append(by: "ana") { _ in
      [
        EventDraft(
          type: "ticket.closed", account: slug,
          data: JSONObject([("ticket", .string("NOPE")), ("date", .string(today.description))]))
      ]
    }
    return journal
  }

  private func fullReplay() throws -> Desk { try Desk.open(journal, user: "ana") }

  private func replayOpening() throws -> OpenedDesk { try Desk.open(journal, user: "ana", checkpoints: nil) }

  private func open() throws -> OpenedDesk { try Desk.open(journal, user: "ana", checkpoints: store) }

  private func assertSameState(_ desk: Desk, _ replay: Desk, file: StaticString = #filePath, line: UInt = #line) {
    XCTAssertEqual(desk.book, replay.book, "book", file: file, line: line)
    XCTAssertEqual(desk.position, replay.position, "position", file: file, line: line)
    XCTAssertEqual(desk.problems, replay.problems, "problems", file: file, line: line)
    XCTAssertEqual(
      Assessor(book: desk.book, today: today).board(), Assessor(book: replay.book, today: today).board(), "board",
      file: file, line: line)
  }

  private func checkpointPath() throws -> String { try XCTUnwrap(store.path(for: journal)) }

  // MARK: Used when valid

  func testFirstOpenReplaysThenTheCheckpointServes() throws {
    let first = try open()
    XCTAssertEqual(first.opening, .replay(reason: .missing, records: first.desk.position.lastSeq))
    XCTAssertTrue(first.checkpointIsDue(minimumRecords: 1))
    let saved = try XCTUnwrap(try first.desk.saveCheckpoint(to: store))
    XCTAssertEqual(saved.seq, first.desk.position.lastSeq)
    var info = stat()
    XCTAssertEqual(stat(saved.path, &info), 0)
    XCTAssertEqual(info.st_mode & 0o777, 0o600, "private to its user")

    let second = try open()
    XCTAssertEqual(second.opening, .checkpoint(seq: saved.seq, tailRecords: 0, tailBytes: 0))
    XCTAssertFalse(second.checkpointIsDue(minimumRecords: 1))
    XCTAssertFalse(second.desk.book.anomalies.isEmpty, "the refused record's anomaly survives the checkpoint")
    XCTAssertEqual(second.desk.book.unknownEvents.map(\.type), ["mystery.event"], "the unknown event too")
    assertSameState(second.desk, try fullReplay())
  }

  func testManyAccountsAreDecodedInParallelToTheSameBook() throws {
    // Enough accounts for the decoder to split them across the cores (ParallelMap's threshold).
    let path = directory + "/many.jsonl"
    let sample = SampleBook(
      accounts: ParallelMap.minimumCount + 88, firstDay: today.adding(days: -60), lastDay: today,
      owners: ["ana", "bo", "cy", "dee"], seed: 11, limit: 8_000)
    let many = try Journal.create(
      at: path, by: "ana", at: Timestamp(milliseconds: Int64(sample.firstDay.number - 1) * 86_400_000)
    ) { writer in
      try sample.generate { draft, time, user in try writer.append(draft, at: time, by: user) }
    }
    let replay = try Desk.open(many, user: "ana", checkpoints: store)
    XCTAssertGreaterThanOrEqual(replay.desk.book.accounts.count, ParallelMap.minimumCount)
    try XCTUnwrap(try replay.desk.saveCheckpoint(to: store))
    let opened = try Desk.open(many, user: "ana", checkpoints: store)
    guard case .checkpoint = opened.opening else { return XCTFail("the checkpoint was not used: \(opened.opening)") }
    XCTAssertEqual(opened.desk.book, try Desk.open(many, user: "ana").book)
    XCTAssertEqual(opened.desk.position, replay.desk.position)
  }

  func testCheckpointPlusTailEqualsFullReplay() throws {
    // A checkpoint in the middle of history: fold the first part, save, then keep appending.
    let early = try open()
    try XCTUnwrap(try early.desk.saveCheckpoint(to: store))
    var writer = try fullReplay()
    let slug = try XCTUnwrap(writer.book.slugs.last)
    let tasks = writer.book.openTasks(of: try writer.book.account(slug))
    try writer.perform(
      .logTouchpoint(
        slug: slug,
        TouchpointInput(
          kind: .call, date: today, summary: "Renewal call",
          followUp: .init(text: "Send the renewal quote", due: today.adding(days: 3)))))
    if let task = tasks.first { try writer.perform(.completeTask(id: task.id, date: today)) }
    try writer.perform(.recordUsage(slug: slug, value: 42, date: today))
    let latest = try XCTUnwrap(writer.book.account(slug).touchpoints.last).meta.seq
    try writer.perform(.amend(seq: latest, changes: JSONObject([("summary", .string("Renewal call (amended)"))])))

    let opened = try open()
    guard case .checkpoint(let seq, let tail, let bytes) = opened.opening else {
      return XCTFail("the checkpoint was not used: \(opened.opening)")
    }
    XCTAssertEqual(seq, early.desk.position.lastSeq)
    XCTAssertEqual(tail, writer.position.lastSeq - early.desk.position.lastSeq, "only the tail was read")
    XCTAssertGreaterThan(bytes, 0)
    XCTAssertEqual(opened.desk.book.account(slug: slug)?.touchpoints.last?.summary, "Renewal call (amended)")
    assertSameState(opened.desk, try fullReplay())
  }

  func testDeletingTheCheckpointLosesNothing() throws {
    try XCTUnwrap(try open().desk.saveCheckpoint(to: store))
    XCTAssertEqual(unlink(try checkpointPath()), 0)
    let opened = try open()
    XCTAssertEqual(opened.opening, .replay(reason: .missing, records: opened.desk.position.lastSeq))
    assertSameState(opened.desk, try fullReplay())
  }

  // MARK: Refused when something changed

  func testAlteredRecordAtTheCheckpointSeqIsNoticed() throws {
    let saved = try XCTUnwrap(try open().desk.saveCheckpoint(to: store))
    // Change one byte inside the summary or id of the last record (the checkpoint's anchor).
    var bytes = try XCTUnwrap(FileManager.default.contents(atPath: journal.path)).map { $0 }
    let lastLineStart = try XCTUnwrap(bytes.dropLast().lastIndex(of: 0x0A)) + 1
    let target = lastLineStart + 60
    bytes[target] = bytes[target] == UInt8(ascii: "a") ? UInt8(ascii: "b") : UInt8(ascii: "a")
    try Data(bytes).write(to: URL(fileURLWithPath: journal.path))

    let opened = try open()
    XCTAssertEqual(opened.opening, .replay(reason: .anchorChanged(seq: saved.seq), records: saved.seq - 1))
    assertSameState(opened.desk, try fullReplay())
    XCTAssertFalse(opened.desk.problems.isEmpty, "the full replay reports the altered record")
  }

  func testRewrittenHashAtTheCheckpointSeqIsNoticed() throws {
    let saved = try XCTUnwrap(try open().desk.saveCheckpoint(to: store))
    // Same length, different stated hash: a re-chained history.
    var bytes = try XCTUnwrap(FileManager.default.contents(atPath: journal.path)).map { $0 }
    let hashDigit = bytes.count - 4
    bytes[hashDigit] = bytes[hashDigit] == UInt8(ascii: "0") ? UInt8(ascii: "1") : UInt8(ascii: "0")
    try Data(bytes).write(to: URL(fileURLWithPath: journal.path))
    XCTAssertEqual(try open().opening, .replay(reason: .anchorChanged(seq: saved.seq), records: saved.seq - 1))
  }

  func testTailThatDoesNotChainIsRefused() throws {
    let saved = try XCTUnwrap(try open().desk.saveCheckpoint(to: store))
    var writer = try fullReplay()
    try writer.perform(.recordUsage(slug: try XCTUnwrap(writer.book.slugs.first), value: 7, date: today))
    // Alter a byte of the first record after the checkpoint: it no longer chains onto the stored hash.
    var bytes = try XCTUnwrap(FileManager.default.contents(atPath: journal.path)).map { $0 }
    let tailStart = try XCTUnwrap(bytes.dropLast().lastIndex(of: 0x0A)) + 1
    let digit = try XCTUnwrap(bytes[tailStart...].firstIndex(of: UInt8(ascii: "7")))
    bytes[digit] = UInt8(ascii: "8")
    try Data(bytes).write(to: URL(fileURLWithPath: journal.path))

    let opened = try open()
    XCTAssertEqual(opened.opening, .replay(reason: .tailRejected(seq: saved.seq + 1), records: saved.seq))
    assertSameState(opened.desk, try fullReplay())
  }

  func testJournalShorterThanTheCheckpointIsNoticed() throws {
    try XCTUnwrap(try open().desk.saveCheckpoint(to: store))
    var bytes = try XCTUnwrap(FileManager.default.contents(atPath: journal.path)).map { $0 }
    let lastLineStart = try XCTUnwrap(bytes.dropLast().lastIndex(of: 0x0A)) + 1
    bytes.removeSubrange(lastLineStart...)
    try Data(bytes).write(to: URL(fileURLWithPath: journal.path))
    let opened = try open()
    guard case .replay(.journalShorter?, _) = opened.opening else { return XCTFail("\(opened.opening)") }
    assertSameState(opened.desk, try fullReplay())
  }

  func testTruncatedCheckpointIsRefused() throws {
    try XCTUnwrap(try open().desk.saveCheckpoint(to: store))
    let path = try checkpointPath()
    let full = try XCTUnwrap(FileManager.default.contents(atPath: path))
    for keep in [full.count - 1, full.count / 2, 200, 10, 0] {
      try full.prefix(keep).write(to: URL(fileURLWithPath: path))
      let opened = try open()
      guard case .replay(let reason?, _) = opened.opening else { return XCTFail("kept \(keep): \(opened.opening)") }
      switch reason {
      case .corrupt, .notACheckpoint: break
      default: XCTFail("kept \(keep) bytes: \(reason)")
      }
      assertSameState(opened.desk, try fullReplay())
    }
  }

  func testDamagedCheckpointIsRefused() throws {
    try XCTUnwrap(try open().desk.saveCheckpoint(to: store))
    let path = try checkpointPath()
    var bytes = try XCTUnwrap(FileManager.default.contents(atPath: path)).map { $0 }
    bytes[bytes.count * 2 / 3] ^= 0x40
    try Data(bytes).write(to: URL(fileURLWithPath: path))
    let records = try fullReplay().position.lastSeq
    XCTAssertEqual(try open().opening, .replay(reason: .corrupt("checksum mismatch"), records: records))
  }

  /// A checkpoint read whole once (and found right) is noted beside it, and the next open does not read
  /// it whole again; yet a byte changed in place afterwards is still caught.
  func testASealedCheckpointChangedInPlaceIsStillRefused() throws {
    try XCTUnwrap(try open().desk.saveCheckpoint(to: store))
    let path = try checkpointPath()
    let seal = CheckpointSeal.path(of: path)
    XCTAssertTrue(try open().opening.usedCheckpoint)
    XCTAssertFalse(FileManager.default.fileExists(atPath: seal), "no note for a file changed a moment ago")
    // The note vouches only for a file left alone for a while (a coarse clock could hide a change).
    sleep(UInt32(CheckpointSeal.settled + 1))
    XCTAssertTrue(try open().opening.usedCheckpoint)
    let note = try XCTUnwrap(CheckpointSeal.read(for: path))
    var info = stat()
    XCTAssertEqual(stat(path, &info), 0)
    XCTAssertTrue(note.vouches(for: info))
    XCTAssertTrue(try open().opening.usedCheckpoint, "opened again through the note")

    // One byte changed where it lies: same file, same size, a new change time.
    let file = Glibc.open(path, O_WRONLY)
    XCTAssertGreaterThanOrEqual(file, 0)
    var byte: UInt8 = 0
    let offset = off_t(info.st_size * 2 / 3)
    let read = Glibc.open(path, O_RDONLY)
    XCTAssertEqual(pread(read, &byte, 1, offset), 1)
    close(read)
    byte ^= 0x40
    XCTAssertEqual(pwrite(file, &byte, 1, offset), 1)
    close(file)
    let records = try fullReplay().position.lastSeq
    XCTAssertEqual(try open().opening, .replay(reason: .corrupt("checksum mismatch"), records: records))

  }

  func testCheckpointFromAnotherVersionIsRefused() throws {
    let other = CheckpointStore(directory: store.directory, programVersion: "rapport checkpoint format 1, build 0000")
    try XCTUnwrap(try open().desk.saveCheckpoint(to: other))
    let opened = try open()
    XCTAssertEqual(
      opened.opening,
      .replay(reason: .otherVersion("rapport checkpoint format 1, build 0000"), records: opened.desk.position.lastSeq))
    // And the version that wrote it reads it.
    XCTAssertTrue(try Desk.open(journal, user: "ana", checkpoints: other).opening.usedCheckpoint)
  }

  func testCheckpointOfAnotherJournalIsNotUsed() throws {
    try XCTUnwrap(try open().desk.saveCheckpoint(to: store))
    let before = try checkpointPath()
    // A new journal at the same path has another id, so another checkpoint name.
    unlink(journal.path)
    journal = try Self.generatedJournal(at: journal.path, today: today)
    XCTAssertNotEqual(try checkpointPath(), before)
    XCTAssertEqual(try open().opening, .replay(reason: .missing, records: try fullReplay().position.lastSeq))
  }

  func testOnlyLongTailsAskForAFreshCheckpoint() throws {
    let saved = try XCTUnwrap(try open().desk.saveCheckpoint(to: store))
    var writer = try fullReplay()
    try writer.perform(.recordUsage(slug: try XCTUnwrap(writer.book.slugs.first), value: 1, date: today))
    let opened = try open()
    guard case .checkpoint(saved.seq, 1, let bytes) = opened.opening else { return XCTFail("\(opened.opening)") }
    XCTAssertGreaterThan(bytes, 0)
    XCTAssertFalse(opened.checkpointIsDue(minimumRecords: 1), "one record after the checkpoint is cheap to read")
    XCTAssertTrue(try replayOpening().checkpointIsDue(minimumRecords: 1))
    XCTAssertFalse(try replayOpening().checkpointIsDue(minimumRecords: 1_000_000), "a small journal needs none")
  }
}

extension Book {
  fileprivate func account(slug: String) -> Account? { accounts[slug] }
}
