import Foundation
import RapportJournal
import RapportPostgres
import XCTest

/// A batch larger than the pieces a database journal is streamed in: the scan lets each piece go and
/// reads the batch's lines again by number (on a second connection) once its last line has arrived,
/// handing over the records as written.
final class PostgresBatchMemoryTests: PostgresTestCase {
  private let time = Timestamp(milliseconds: 1_790_000_000_000)

  func testABatchSpanningPiecesIsReadAgainByNumberAndHandedOverWhole() throws {
    let journal = Journal(
      store: PostgresJournalStore(connectionString: "\(server) user=rapport_owner dbname=\(database)"))
    var data = JSONObject()
    data["schema"] = .number(Double(Record.currentSchema))
    _ = try journal.append(by: "olivia", login: "rapport_owner", at: time) { _ in
      [EventDraft(type: Record.genesisType, data: data)]
    }
    let padding = String(repeating: "usage sample padding ", count: 16)
    let drafts = (0..<40_000).map { number in
      EventDraft(
        type: "usage.recorded", account: "acct-\(number % 50)",
        data: JSONObject([("value", .number(Double(number))), ("note", .string("\(number) \(padding)"))]))
    }
    let batch = try journal.append(by: "olivia", login: "rapport_owner", at: time) { _ in drafts }.records
    let last = try XCTUnwrap(batch.last)
    XCTAssertGreaterThan(last.offset - batch[0].offset, 2 * (8 << 20), "the batch spans more than two pieces")

    var records: [Record] = []
    let outcome = try journal.scan { records.append($0) }
    XCTAssertEqual(records.count, drafts.count + 1)
    XCTAssertEqual(Array(records.dropFirst()), batch)
    XCTAssertEqual(outcome.accepted, drafts.count + 1)
    XCTAssertEqual(outcome.problems, [])
    XCTAssertNil(outcome.pendingTail)
    XCTAssertEqual(outcome.position.lastSeq, last.seq)
    XCTAssertEqual(outcome.position.headHash, last.hash)
    XCTAssertTrue(try journal.verify().isSound)
  }
}
