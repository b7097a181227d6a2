import RapportDomain
import RapportJournal
import RapportSample
import XCTest

/// The fold is a pure function of the records; the sample book a pure function of its seed.
final class DeterminismTests: XCTestCase {
  /// One generated event, without its random id (a follow-up's `follows` names that id, so it goes too).
  private struct Generated: Equatable {
    var type: String
    var account: String?
    var data: JSONObject
    var time: Timestamp
    var user: String
    var isFollowUp: Bool
  }

  private func sample(seed: UInt64, accounts: Int = 12, days: Int = 200, limit: Int? = nil) throws -> [Generated] {
    let last = day("2026-11-23")
    let book = SampleBook(
      accounts: accounts, firstDay: last.adding(days: -days), lastDay: last, owners: ["ana", "bo", "cy"], seed: seed,
      limit: limit)
    var events: [Generated] = []
    try book.generate { draft, time, user in
      var data = draft.data
      let isFollowUp = data["follows"] != nil
      data["follows"] = nil
      events.append(
        Generated(type: draft.type, account: draft.account, data: data, time: time, user: user, isFollowUp: isFollowUp))
    }
    return events
  }

  /// The sample's events as records, as `Journal.create(contents:)` would number them.
  private func sampleRecords(_ book: SampleBook) throws -> [Record] {
    var records = [
      Record(
        schema: 1, seq: 1, id: EventDraft.newID(), recordedAt: noon(book.firstDay), recordedBy: "demo",
        type: Record.genesisType,
        account: nil, data: JSONObject([("schema", .number(1))]), batch: nil, hash: "", offset: 0)
    ]
    try book.generate { draft, time, user in
      records.append(
        Record(
          schema: 1, seq: records.count + 1, id: draft.id, recordedAt: time, recordedBy: user, type: draft.type,
          account: draft.account, data: draft.data, batch: nil, hash: "", offset: 0))
    }
    return records
  }

  func testFoldingTheSameRecordsTwiceGivesTheSameBook() throws {
    let last = day("2026-11-23")
    let records = try sampleRecords(
      SampleBook(accounts: 10, firstDay: last.adding(days: -120), lastDay: last, owners: ["ana", "bo"], seed: 3))
    let first = Book.fold(records)
    let second = Book.fold(records)
    XCTAssertFalse(first.allAccounts.isEmpty)
    XCTAssertEqual(first.allAccounts, second.allAccounts)
    XCTAssertEqual(first.slugs, second.slugs)
    XCTAssertEqual(first.tasks, second.tasks)
    XCTAssertEqual(first.lastSeq, second.lastSeq)
    XCTAssertEqual(first.anomalies, second.anomalies)
    for slug in first.slugs {
      XCTAssertEqual(
        try first.timeline(of: slug, includingRetracted: true), try second.timeline(of: slug, includingRetracted: true))
    }
    let pastA = Book.fold(records, asOf: last.adding(days: -30))
    let pastB = Book.fold(records, asOf: last.adding(days: -30))
    XCTAssertEqual(pastA.allAccounts, pastB.allAccounts)
  }

  func testFoldingWithCorrectionsTwiceGivesTheSameBook() throws {
    var ledger = Ledger(today: day("2026-11-23"))
    ledger.addAccount()
    let tp = ledger.touch(.call, summary: "First")
    ledger.touch(.meeting, summary: "Second")
    ledger.must(.amend(seq: tp, changes: changes(("summary", .string("First, corrected")))))
    ledger.must(.openTicket(slug: "acme", ticket: "T-1", severity: .low, date: ledger.today))
    let close = ledger.must(.closeTicket(slug: "acme", ticket: "T-1", date: ledger.today))
    ledger.must(.retract(seq: close, reason: nil))
    let first = Book.fold(ledger.records)
    let second = Book.fold(ledger.records)
    XCTAssertEqual(first.allAccounts, second.allAccounts)
    XCTAssertEqual(first.allAccounts, ledger.book.allAccounts, "batch fold = incremental apply")
    XCTAssertEqual(
      try first.timeline(of: "acme", includingRetracted: true),
      try ledger.book.timeline(of: "acme", includingRetracted: true))
  }

  func testSampleBookIsDeterministicPerSeed() throws {
    let first = try sample(seed: 7)
    let again = try sample(seed: 7)
    let other = try sample(seed: 8)
    XCTAssertGreaterThan(first.count, 100)
    XCTAssertEqual(first.count, again.count)
    XCTAssertEqual(first, again)
    XCTAssertNotEqual(first, other)
    XCTAssertTrue(first.contains { $0.isFollowUp }, "some touchpoints leave a follow-up")
  }

  func testSampleBookLimitStopsEarly() throws {
    let full = try sample(seed: 7)
    let limited = try sample(seed: 7, limit: 50)
    XCTAssertEqual(limited.count, 50)
    XCTAssertEqual(limited, Array(full.prefix(50)))
  }

  func testSampleBookEventsAreInTimeOrderAndWithinRange() throws {
    let events = try sample(seed: 11)
    let first = day("2026-11-23").adding(days: -200)
    for event in events {
      let eventDay = Day(number: event.time.utcDay)
      XCTAssertTrue(eventDay >= first && eventDay <= day("2026-11-23"), "\(event.type) on \(eventDay)")
    }
    for (earlier, later) in zip(events, events.dropFirst()) {
      XCTAssertLessThanOrEqual(earlier.time.utcDay, later.time.utcDay)
    }
  }

  func testSampleBookOf40AccountsOver548DaysFoldsCleanly() throws {
    let last = day("2026-11-23")
    let owners = ["ana", "bo", "cy", "dee"]
    let sample = SampleBook(accounts: 40, firstDay: last.adding(days: -548), lastDay: last, owners: owners, seed: 42)
    let records = try sampleRecords(sample)
    let book = Book.fold(records)
    XCTAssertEqual(book.anomalies, [], "a sound journal folds without anomalies")
    XCTAssertEqual(book.allAccounts.count, 40)
    XCTAssertEqual(book.allAccounts.filter { $0.owner == nil }.count, 1, "exactly one account has no owner")
    XCTAssertTrue(book.allAccounts.allSatisfy { (1...3).contains($0.tier) })
    XCTAssertEqual(Set(book.allAccounts.map(\.tier)), [1, 2, 3])
    XCTAssertGreaterThanOrEqual(Set(book.allAccounts.map(\.stage)).count, 3, "several stages")
    XCTAssertTrue(book.allAccounts.compactMap(\.owner).allSatisfy(owners.contains))
    XCTAssertTrue(book.allAccounts.allSatisfy { !$0.contacts.isEmpty })
    let untouched = book.allAccounts.filter { $0.touchpoints.isEmpty }
    XCTAssertEqual(
      untouched.map(\.signed), [last.adding(days: -1)], "only the account signed yesterday has no touchpoint yet")
    XCTAssertTrue(book.allAccounts.allSatisfy { (3...5).contains($0.criteria.count) }, "3 to 5 success criteria each")
    XCTAssertTrue(book.allAccounts.contains { !$0.name.allSatisfy(\.isASCII) }, "some names are not ASCII")
    XCTAssertFalse(book.tasks.isEmpty)
    XCTAssertTrue(
      book.tasks.values.allSatisfy { $0.followsTouchpoint != nil }, "every sample task is a linked follow-up")
    XCTAssertEqual(book.lastSeq, records.count)
  }
}
