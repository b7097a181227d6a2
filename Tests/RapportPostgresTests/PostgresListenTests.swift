import Glibc
import RapportJournal
import RapportPostgres
import XCTest

/// A follower woken by the server: the store's change descriptor becomes readable when another
/// login commits, draining it asks for one read, and a lost listening connection asks for a read and
/// is opened again (and asks for one more: what was committed meanwhile was never announced).
final class PostgresListenTests: PostgresTestCase {
  private let time = Timestamp(milliseconds: 1_790_000_000_000)

  private func store(as user: String) -> PostgresJournalStore {
    PostgresJournalStore(connectionString: "\(server) user=\(user) dbname=\(database)")
  }

  private func draft(_ type: String, _ fields: [(String, JSONValue)] = []) -> EventDraft {
    EventDraft(type: type, account: type == Record.genesisType ? nil : "acme", data: JSONObject(fields))
  }

  /// Whether `descriptor` becomes readable within `seconds` (a generous bound: this is no timing test).
  private func readable(_ descriptor: Int32, within seconds: Int32 = 10) -> Bool {
    var watched = pollfd(fd: descriptor, events: Int16(POLLIN), revents: 0)
    return poll(&watched, 1, seconds * 1000) == 1
  }

  /// Whether draining asks for a read once `descriptor` is readable: a message may arrive in parts,
  /// so a few tries.
  private func asksToRead(_ follower: Journal, after descriptor: Int32) -> Bool {
    for _ in 0..<5 where readable(descriptor) {
      if follower.consumeChanges() { return true }
    }
    return false
  }

  private func begin() throws -> Journal {
    let owner = Journal(store: store(as: "rapport_owner"))
    _ = try owner.append(by: "olivia", login: "rapport_owner", at: time) { _ in
      [self.draft(Record.genesisType, [("schema", .number(Double(Record.currentSchema)))])]
    }
    return owner
  }

  private func appendCall(_ journal: Journal) throws {
    _ = try journal.append(by: "olivia", login: "rapport_owner", at: time) { _ in
      [self.draft("touchpoint.logged", [("date", .string("2026-12-01")), ("summary", .string("call"))])]
    }
  }

  func testAnotherWritersCommitMakesTheDescriptorReadableOnce() throws {
    let writer = try begin()
    let follower = Journal(store: store(as: "alice"))
    let descriptor = try XCTUnwrap(follower.changeDescriptor, "a database journal can wake a follower")
    XCTAssertTrue(follower.consumeChanges(), "listening has just begun: what came before was never announced")
    XCTAssertFalse(follower.consumeChanges(), "nothing appended since")

    try appendCall(writer)
    XCTAssertTrue(asksToRead(follower, after: descriptor), "the commit is announced")
    XCTAssertFalse(follower.consumeChanges(), "drained: one commit, one change")
    XCTAssertEqual(follower.changeDescriptor, descriptor, "the same connection keeps listening")
  }

  func testALostListeningConnectionCountsAsAChangeAndIsOpenedAgain() throws {
    let writer = try begin()
    let follower = Journal(store: store(as: "alice"))
    let first = try XCTUnwrap(follower.changeDescriptor)
    XCTAssertTrue(follower.consumeChanges(), "listening has just begun")
    let terminated = try admin().execute(
      "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1 AND usename = 'alice'",
      parameters: [database])
    XCTAssertEqual(terminated.rows.count, 1)
    // The server's farewell and the end of the connection may be read in two goes.
    XCTAssertTrue(asksToRead(follower, after: first), "appends may have gone unannounced: read the journal")

    let second = try XCTUnwrap(follower.changeDescriptor, "listening again")
    XCTAssertTrue(follower.consumeChanges(), "listening again: read what went unannounced")
    XCTAssertFalse(follower.consumeChanges())
    try appendCall(writer)
    XCTAssertTrue(asksToRead(follower, after: second))
  }

  func testAFileJournalCannotWakeAnyone() {
    let file = Journal(path: "/nonexistent/journal.jsonl")
    XCTAssertNil(file.changeDescriptor)
    XCTAssertFalse(file.consumeChanges())
  }
}
