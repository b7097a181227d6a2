import Glibc
import RapportJournal
import RapportPostgres
import XCTest

/// A follower woken by the server: the store's change descriptor becomes readable when another
/// login commits, draining it reports the change once, and a lost listening connection is reported
/// as a change and opened again.
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
    XCTAssertFalse(follower.consumeChanges(), "nothing appended yet")

    try appendCall(writer)
    XCTAssertTrue(readable(descriptor), "the commit is announced")
    // The notification may arrive in parts: drained until it is whole.
    var changed = follower.consumeChanges()
    while !changed, readable(descriptor) { changed = follower.consumeChanges() }
    XCTAssertTrue(changed)
    XCTAssertFalse(follower.consumeChanges(), "drained: one commit, one change")
    XCTAssertEqual(follower.changeDescriptor, descriptor, "the same connection keeps listening")
  }

  func testALostListeningConnectionCountsAsAChangeAndIsOpenedAgain() throws {
    let writer = try begin()
    let follower = Journal(store: store(as: "alice"))
    let first = try XCTUnwrap(follower.changeDescriptor)
    let terminated = try admin().execute(
      "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1 AND usename = 'alice'",
      parameters: [database])
    XCTAssertEqual(terminated.rows.count, 1)
    XCTAssertTrue(readable(first), "the server closing the connection wakes the follower")
    // The server's farewell and the end of the connection may be read in two goes.
    var lost = follower.consumeChanges()
    while !lost, readable(first) { lost = follower.consumeChanges() }
    XCTAssertTrue(lost, "appends may have gone unannounced: read the journal")

    let second = try XCTUnwrap(follower.changeDescriptor, "listening again")
    try appendCall(writer)
    XCTAssertTrue(readable(second))
    var changed = follower.consumeChanges()
    while !changed, readable(second) { changed = follower.consumeChanges() }
    XCTAssertTrue(changed)
  }

  func testAFileJournalCannotWakeAnyone() {
    let file = Journal(path: "/nonexistent/journal.jsonl")
    XCTAssertNil(file.changeDescriptor)
    XCTAssertFalse(file.consumeChanges())
  }
}
