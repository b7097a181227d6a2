import RapportJournal
import RapportPostgres
import XCTest

/// What the server itself refuses: changes to written records, records out of place, broken chains.
final class JournalTriggerTests: PostgresTestCase {
  func testRecordsAreStoredByteForByteWithTheirColumnsDerivedFromTheLine() throws {
    var lines = try journalWithMembers()
    let alice = try connect(as: "alice")
    let entry = lines.touchpoint(account: "acme", date: "2026-03-14", by: "alice", login: "alice")
    try append([entry], on: alice)

    let rows = try alice.execute(
      "SELECT seq, line, hash, type, account, business_date::text, login, end_offset FROM rapport_journal ORDER BY seq")
    XCTAssertEqual(rows.rows.map { $0[1] }, lines.written.map(\.text))
    XCTAssertEqual(rows.rows.map { $0[2] }, lines.written.map(\.hash))
    let last = try XCTUnwrap(rows.rows.last)
    XCTAssertEqual(Array(last[3...6]), ["touchpoint.logged", "acme", "2026-03-14", "alice"])
    // Each end offset is where the line ends in the equivalent file journal: bytes of every line
    // so far, a newline after each.
    var end = 0
    for (row, line) in zip(rows.rows, lines.written) {
      end += line.text.utf8.count + 1
      XCTAssertEqual(row[7], String(end))
    }
    XCTAssertEqual(rows.rows.first?[6], "rapport_owner")
  }

  func testUpdateDeleteAndTruncateAreRefusedEvenForTheOwnerAndTheSuperuser() throws {
    _ = try journalWithMembers()
    for connection in [try connect(as: "rapport_owner"), try admin()] {
      for statement in [
        "UPDATE rapport_journal SET line = line WHERE seq = 2", "DELETE FROM rapport_journal WHERE seq = 3",
        "TRUNCATE rapport_journal", "DELETE FROM rapport_journal_head",
      ] {
        let error = sqlState { try connection.execute(statement) }
        XCTAssertEqual(error?.sqlState, "RJ006", statement)
        XCTAssertTrue(error?.message.contains("append-only") ?? false, error?.message ?? "")
      }
      XCTAssertEqual(try count(connection), "3")
    }
  }

  func testARecordThatDoesNotFollowTheLastOneIsRefused() throws {
    var lines = try journalWithMembers()
    let alice = try connect(as: "alice")
    _ = lines.touchpoint(account: "acme", date: "2026-03-14", by: "alice", login: "alice")
    let skipped = lines.touchpoint(account: "acme", date: "2026-03-15", by: "alice", login: "alice")
    let error = sqlState { try self.append([skipped], on: alice) }
    XCTAssertEqual(error?.sqlState, "RJ001")
    XCTAssertEqual(error?.message, "record 5 refused: the journal's last record is 3, so the next one is 4")
    XCTAssertEqual(try count(alice), "3")
  }

  func testALineWhoseHashDoesNotChainIsRefused() throws {
    var lines = try journalWithMembers()
    let alice = try connect(as: "alice")
    let entry = lines.touchpoint(account: "acme", date: "2026-03-14", by: "alice", login: "alice")
    // The same record with its summary changed after hashing: a forged line.
    var forged = entry
    forged.text = entry.text.replacingOccurrences(of: "renewal", with: "refund!")
    let error = sqlState { try self.append([forged], on: alice) }
    XCTAssertEqual(error?.sqlState, "RJ002")
    XCTAssertEqual(error?.message, "record 4 refused: its hash does not chain onto record 3")
    try append([entry], on: alice)
    XCTAssertEqual(try count(alice), "4")
  }

  func testABatchIsAllOrNothing() throws {
    var lines = try journalWithMembers()
    let alice = try connect(as: "alice")
    let first = lines.touchpoint(account: "acme", date: "2026-03-14", by: "alice", login: "alice")
    var second = lines.touchpoint(account: "acme", date: "2026-03-15", by: "alice", login: "alice")
    second.text = second.text.replacingOccurrences(of: "2026-03-15", with: "2026-03-16")
    XCTAssertEqual(sqlState { try self.append([first, second], on: alice) }?.sqlState, "RJ002")
    XCTAssertEqual(try count(alice), "3")
  }

  func testALineThatIsNotOneRecordLineIsRefused() throws {
    var lines = try journalWithMembers()
    let alice = try connect(as: "alice")
    let entry = lines.touchpoint(account: "acme", date: "2026-03-14", by: "alice", login: "alice")
    var split = entry
    split.text = entry.text.replacingOccurrences(of: ",\"type\"", with: ",\n\"type\"")
    let error = sqlState { try self.append([split], on: alice) }
    XCTAssertEqual(error?.sqlState, "RJ003")
    XCTAssertEqual(try count(alice), "3")
  }
}
