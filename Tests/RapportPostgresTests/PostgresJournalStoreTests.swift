import Foundation
import Glibc
import RapportJournal
import RapportPostgres
import XCTest

/// `Journal(store: PostgresJournalStore)`: the same drafts give the same records, chain and positions
/// as a file journal; batches are all-or-nothing; concurrent writers leave no gap.
final class PostgresJournalStoreTests: PostgresTestCase {
  private let time = Timestamp(milliseconds: 1_790_000_000_000)

  private func store(as user: String) -> PostgresJournalStore {
    PostgresJournalStore(connectionString: "\(server) user=\(user) dbname=\(database)")
  }

  private func genesis() -> EventDraft {
    var data = JSONObject()
    data["schema"] = .number(Double(Record.currentSchema))
    return EventDraft(id: "00000000-0000-4000-8000-000000000001", type: Record.genesisType, data: data)
  }

  private func touchpoint(_ number: Int) -> EventDraft {
    EventDraft(
      id: "00000000-0000-4000-8000-\(String(1000 + number).padding(toLength: 12, withPad: "0", startingAt: 0))",
      type: "touchpoint.logged", account: "acme",
      data: JSONObject([
        ("date", .string("2026-12-0\(number % 9 + 1)")), ("summary", .string("Call \(number) — été ✓")),
      ]))
  }

  /// A PostgreSQL journal begun by rapport_owner as olivia.
  private func begunJournal() throws -> Journal {
    let journal = Journal(store: store(as: "rapport_owner"))
    XCTAssertFalse(journal.exists)
    _ = try journal.append(by: "olivia", login: "rapport_owner", at: time) { _ in [genesis()] }
    XCTAssertTrue(journal.exists)
    return journal
  }

  func testTheSameDraftsGiveTheSameRecordsChainAndPositionsAsAFile() throws {
    let database = try begunJournal()
    let directory = NSTemporaryDirectory() + "rapport-store-\(getpid())-\(EventDraft.newID().prefix(8))"
    try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(atPath: directory) }
    let path = directory + "/journal.jsonl"
    let first = RecordEncoder.line(
      for: genesis(), seq: 1, at: time, by: "olivia", login: "rapport_owner", batch: nil, previous: ChainHash.genesis)
    XCTAssertTrue(FileManager.default.createFile(atPath: path, contents: Data(first.bytes)))
    let file = Journal(path: path)

    for journal in [file, database] {
      let single = try journal.append(by: "olivia", login: "rapport_owner", at: time) { _ in [touchpoint(1)] }
      XCTAssertEqual(single.records.count, 1)
      let batch = try journal.append(by: "olivia", login: "rapport_owner", at: time) { _ in
        [touchpoint(2), touchpoint(3), touchpoint(4)]
      }
      XCTAssertEqual(batch.records.map(\.seq), [3, 4, 5])
    }
    var fileRecords: [Record] = []
    var databaseRecords: [Record] = []
    let fileOutcome = try file.scan { fileRecords.append($0) }
    let databaseOutcome = try database.scan { databaseRecords.append($0) }
    XCTAssertEqual(databaseRecords.count, 5)
    XCTAssertEqual(databaseRecords, fileRecords)
    XCTAssertEqual(databaseOutcome, fileOutcome)
    XCTAssertTrue(databaseOutcome.problems.isEmpty)

    // Resuming from a position reads only what came after, at the same offsets.
    let middle = JournalPosition(offset: fileRecords[2].offset, lastSeq: 2, chain: HashHex(fileRecords[1].hash)!)
    var tail: [Record] = []
    XCTAssertEqual(try database.scan(from: middle) { tail.append($0) }, try file.scan(from: middle) { _ in })
    XCTAssertEqual(tail, Array(fileRecords[2...]))

    let report = try database.verify()
    XCTAssertTrue(report.isSound)
    XCTAssertEqual(report.bytes, try FileManager.default.attributesOfItem(atPath: path)[.size] as? UInt64)
    XCTAssertEqual(report.headHash, try file.verify().headHash)
    XCTAssertEqual(try ChainCheck.run(on: connect(as: "rapport_owner")).endOffset, report.bytes)
  }

  func testABatchTheServerRefusesLeavesNothing() throws {
    let journal = try begunJournal()
    _ = try journal.append(by: "olivia", login: "rapport_owner", at: time) { _ in [touchpoint(1)] }
    // alice claims another login than hers (the store writes her session user whatever it is passed),
    // and her role is no writer: the server refuses the whole batch, a refusal (exit 65), not a failure.
    let intruder = Journal(store: store(as: "alice"))
    XCTAssertThrowsError(
      try intruder.append(by: "olivia", login: "rapport_owner", at: time) { _ in [touchpoint(2), touchpoint(3)] }
    ) { error in
      guard case .storeRefused = error as? JournalError else { return XCTFail("unexpected \(error)") }
    }
    XCTAssertEqual(try count(connect(as: "rapport_owner")), "2")
    let after = try journal.append(by: "olivia", login: "rapport_owner", at: time) { _ in [touchpoint(4)] }
    XCTAssertEqual(after.records.map(\.seq), [3])
  }

  func testTwoWritersInterleaveWithoutAGap() throws {
    _ = try begunJournal()
    let connection = "\(server) user=rapport_owner dbname=\(database)"
    let failures = Failures()
    let time = self.time
    DispatchQueue.concurrentPerform(iterations: 2) { writer in
      let journal = Journal(store: PostgresJournalStore(connectionString: connection))
      for round in 0..<10 {
        do {
          _ = try journal.append(by: "olivia", login: "rapport_owner", at: time) { _ in
            [
              EventDraft(
                type: "touchpoint.logged", account: "acme", data: JSONObject([("n", .string("\(writer).\(round)"))]))
            ]
          }
        } catch { failures.add("\(error)") }
      }
    }
    XCTAssertEqual(failures.all, [])
    var seqs: [Int] = []
    let outcome = try Journal(store: store(as: "rapport_owner")).scan { seqs.append($0.seq) }
    XCTAssertEqual(seqs, Array(1...21))
    XCTAssertTrue(outcome.problems.isEmpty)
  }

  func testFileOnlyOperationsRefuseOnADatabaseJournal() throws {
    let journal = try begunJournal()
    XCTAssertThrowsError(try journal.damagedTail()) { error in
      XCTAssertEqual(
        (error as? JournalError).map { "\($0)" },
        "`rapport repair` applies only to a journal file; \(journal.path) is a journal in a database")
    }
    let problem = LineProblem(seq: 1, offset: 0, length: 1, kind: .torn)
    XCTAssertThrowsError(try journal.bytes(of: problem))
    XCTAssertThrowsError(try Quarantine(journal: journal).setAside([problem]))
  }
}

/// Errors gathered from several threads.
private final class Failures: @unchecked Sendable {
  private let lock = NSLock()
  private var list: [String] = []
  func add(_ text: String) { lock.withLock { list.append(text) } }
  var all: [String] { lock.withLock { list } }
}
