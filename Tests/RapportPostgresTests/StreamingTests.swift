import Glibc
import RapportJournal
import RapportPostgres
import XCTest

/// Reading the journal back: the chain recomputed, every line streamed, commits announced, and a
/// connection lost mid-append leaving nothing behind.
final class StreamingTests: PostgresTestCase {
  func testASuperuserWhoDisablesTheTriggerAndChangesALineIsCaughtByTheChain() throws {
    var lines = try journalWithMembers()
    let alice = try connect(as: "alice")
    try append(
      (1...3).map { lines.touchpoint(account: "acme", date: "2026-03-1\($0)", by: "alice", login: "alice") }, on: alice)
    XCTAssertEqual(try ChainCheck.run(on: alice).breaks, [])

    let superuser = try admin()
    try superuser.run(
      script: """
        ALTER TABLE rapport_journal DISABLE TRIGGER USER;
        UPDATE rapport_journal SET line = replace(line, 'renewal', 'refund') WHERE seq = 5;
        ALTER TABLE rapport_journal ENABLE TRIGGER USER;
        """)
    let check = try ChainCheck.run(on: alice)
    XCTAssertEqual(check.records, 6)
    XCTAssertEqual(check.breaks.map(\.seq), [5])
    XCTAssertEqual(
      check.breaks.first?.description,
      "record 5: its hash does not chain onto the previous record's: the line was changed after it was written")
  }

  func testCopyStreamsEveryLineInOrderByteForByte() throws {
    var lines = try journalWithMembers()
    let alice = try connect(as: "alice")
    for batch in 0..<4 {
      try append(
        (0..<50).map {
          lines.touchpoint(account: "acct-\(batch)", date: "2026-04-0\(1 + $0 % 9)", by: "alice", login: "alice")
        },
        on: alice)
    }
    var streamed: [String] = []
    var decoder = CopyBinaryDecoder()
    let rows = try alice.copyOut(JournalSchema.copySeqsAndLines) { chunk in
      try decoder.feed(chunk) { fields in
        streamed.append(String(decoding: fields[1] ?? [], as: UTF8.self))
      }
    }
    XCTAssertEqual(rows, 203)
    XCTAssertTrue(decoder.finished)
    XCTAssertEqual(streamed, lines.written.map(\.text))
    let check = try ChainCheck.run(on: alice)
    XCTAssertTrue(check.isSound)
    XCTAssertEqual(check.lastHash, lines.written.last?.hash)
    XCTAssertEqual(check.endOffset, UInt64(lines.written.reduce(0) { $0 + $1.text.utf8.count + 1 }))
  }

  func testACommitIsAnnouncedOnTheSocketOfAListeningConnection() throws {
    var lines = try journalWithMembers()
    let follower = try connect(as: "bob")
    try follower.listen(JournalSchema.channel)
    let alice = try connect(as: "alice")
    try append(
      [
        lines.touchpoint(account: "acme", date: "2026-03-14", by: "alice", login: "alice"),
        lines.touchpoint(account: "acme", date: "2026-03-15", by: "alice", login: "alice"),
      ], on: alice)

    var received: [PostgresNotification] = []
    while received.isEmpty {
      var descriptor = pollfd(fd: follower.socket, events: Int16(POLLIN), revents: 0)
      XCTAssertEqual(poll(&descriptor, 1, 10_000), 1, "no notification within 10 s")
      if descriptor.revents == 0 { break }
      received += try follower.notifications()
    }
    XCTAssertEqual(received.map(\.channel), ["rapport_journal"])
    XCTAssertEqual(received.map(\.payload), ["5"])
    XCTAssertEqual(received.first?.senderPID, alice.backendPID)
  }

  func testARolledBackAppendIsNotAnnounced() throws {
    var lines = try journalWithMembers()
    let follower = try connect(as: "bob")
    try follower.listen(JournalSchema.channel)
    let alice = try connect(as: "alice")
    let entry = lines.touchpoint(account: "acme", date: "2026-03-14", by: "alice", login: "alice")
    try alice.execute("BEGIN")
    try alice.execute(JournalSchema.insertRecord, parameters: [String(entry.seq), entry.text])
    try alice.execute("ROLLBACK")
    // A later commit is announced alone.
    try append([entry], on: alice)
    var descriptor = pollfd(fd: follower.socket, events: Int16(POLLIN), revents: 0)
    XCTAssertEqual(poll(&descriptor, 1, 10_000), 1)
    XCTAssertEqual(try follower.notifications().map(\.payload), ["4"])
  }

  func testAConnectionKilledMidTransactionLeavesNothingInserted() throws {
    var lines = try journalWithMembers()
    let alice = try connect(as: "alice")
    let first = lines.touchpoint(account: "acme", date: "2026-03-14", by: "alice", login: "alice")
    let second = lines.touchpoint(account: "acme", date: "2026-03-15", by: "alice", login: "alice")
    let error = sqlState {
      try alice.transaction {
        try alice.execute(JournalSchema.lockHead)
        try alice.execute(JournalSchema.insertRecord, parameters: [String(first.seq), first.text])
        try self.admin().execute("SELECT pg_terminate_backend($1::int)", parameters: [String(alice.backendPID)])
        try alice.execute(JournalSchema.insertRecord, parameters: [String(second.seq), second.text])
      }
    }
    XCTAssertEqual(error?.connectionLost, true)
    XCTAssertFalse(alice.isOpen)
    let reader = try connect(as: "rapport_owner")
    XCTAssertEqual(try count(reader), "3")
    // The head was released with the dead transaction: the same records append now.
    try append([first, second], on: try connect(as: "alice"))
    XCTAssertEqual(try count(reader), "5")
  }
}
