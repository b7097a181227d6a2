import RapportJournal
import RapportPostgres
import XCTest

/// Nobody writes as somebody else, and a reader does not write at all: refused by the server.
final class IdentityTests: PostgresTestCase {
  func testALineClaimingAnotherLoginThanTheSessionsIsRefused() throws {
    var lines = try journalWithMembers()
    let alice = try connect(as: "alice")
    let claimed = lines.touchpoint(account: "acme", date: "2026-03-14", by: "alice", login: "bob")
    let error = sqlState { try self.append([claimed], on: alice) }
    XCTAssertEqual(error?.sqlState, "RJ004")
    XCTAssertEqual(
      error?.message, "record 4 refused: it says it was written from login bob, but this session's user is alice")
    XCTAssertEqual(try count(alice), "3")
  }

  func testAWriterCannotWriteAsAnotherMember() throws {
    var lines = try journalWithMembers()
    let alice = try connect(as: "alice")
    let asOlivia = lines.touchpoint(account: "acme", date: "2026-03-14", by: "olivia", login: "alice")
    let error = sqlState { try self.append([asOlivia], on: alice) }
    XCTAssertEqual(error?.sqlState, "RJ005")
    XCTAssertEqual(
      error?.message,
      "record 4 refused: you are logged in as alice, and olivia's member entry does not list that login: you can"
        + " only write as yourself (an admin can add the login with `rapport member add olivia --login alice`)")
    lines.rewind(asOlivia)
    let asNobody = lines.touchpoint(account: "acme", date: "2026-03-14", by: "mallory", login: "alice")
    XCTAssertEqual(
      sqlState { try self.append([asNobody], on: alice) }?.message,
      "record 4 refused: mallory is not a member of this journal (an admin adds members with `rapport member add`)")
    XCTAssertEqual(try count(alice), "3")
  }

  func testOnlyAnAdminAddsMembers() throws {
    var lines = try journalWithMembers()
    let alice = try connect(as: "alice")
    let promotion = lines.member("alice", logins: ["alice"], role: "admin", by: "alice", login: "alice")
    let error = sqlState { try self.append([promotion], on: alice) }
    XCTAssertEqual(error?.sqlState, "RJ005")
    XCTAssertEqual(error?.message, "record 4 refused: only an admin can add or change members; alice is not one")
  }

  func testBeforeTheFirstMemberOnlyTheCreatorAddsOne() throws {
    var lines = JournalLines()
    let owner = try connect(as: "rapport_owner")
    try append([lines.next(type: "journal.created", by: "olivia", login: "rapport_owner")], on: owner)
    try admin().execute("GRANT rapport_writer TO alice")
    let alice = try connect(as: "alice")
    // Before any member, anyone who may insert writes entries under their own login…
    try append([lines.touchpoint(account: "acme", date: "2026-03-14", by: "alice", login: "alice")], on: alice)
    // …but the first member is the creator's to add.
    let selfAdded = lines.member("alice", logins: ["alice"], role: "admin", by: "alice", login: "alice")
    XCTAssertEqual(
      sqlState { try self.append([selfAdded], on: alice) }?.message,
      "record 3 refused: alice is not a member of this journal (an admin adds members with `rapport member add`)")
    lines.rewind(selfAdded)
    try append(
      [lines.member("alice", logins: ["alice"], role: "member", by: "olivia", login: "rapport_owner")], on: owner)
    XCTAssertEqual(try count(owner), "3")
  }

  func testAReaderCannotInsertByTheServersPrivileges() throws {
    var lines = try journalWithMembers()
    // bob was added as a viewer: the trigger granted him rapport_reader and no rapport_writer.
    let bob = try connect(as: "bob")
    XCTAssertEqual(try bob.execute("SELECT count(*) FROM rapport_journal").scalar, "3")
    let entry = lines.touchpoint(account: "acme", date: "2026-03-14", by: "bob", login: "bob")
    let locked = sqlState { try bob.execute(JournalSchema.lockHead) }
    XCTAssertEqual(locked?.sqlState, PostgresError.insufficientPrivilege)
    let inserted = sqlState {
      try bob.execute(JournalSchema.insertRecord, parameters: [String(entry.seq), entry.text])
    }
    XCTAssertEqual(inserted?.sqlState, PostgresError.insufficientPrivilege)
    XCTAssertEqual(try count(bob), "3")
  }

  func testAMembersLoginMustBeARoleOfTheServer() throws {
    var lines = try journalWithMembers()
    let owner = try connect(as: "rapport_owner")
    let ghost = lines.member("gina", logins: ["no_such_role"], role: "member", by: "olivia", login: "rapport_owner")
    let error = sqlState { try self.append([ghost], on: owner) }
    XCTAssertEqual(error?.sqlState, "RJ007")
    XCTAssertEqual(error?.hint, "create the role first: CREATE ROLE no_such_role LOGIN")
  }

  func testTheOwnerCopyingAJournalInKeepsItsLoginsButNotItsChainUnchecked() throws {
    var lines = JournalLines()
    let file = [
      lines.next(type: "journal.created", by: "olivia", login: "olivia_os"),
      lines.member("alice", logins: ["alice_os"], role: "member", by: "olivia", login: "olivia_os"),
      lines.touchpoint(account: "acme", date: "2026-03-14", by: "alice", login: "alice_os"),
    ]
    let owner = try connect(as: "rapport_owner")
    try owner.transaction {
      try owner.execute("SET LOCAL rapport.copy_in = 'on'")
      for line in file { try owner.execute(JournalSchema.insertRecord, parameters: [String(line.seq), line.text]) }
    }
    XCTAssertEqual(
      try owner.execute("SELECT login FROM rapport_journal ORDER BY seq").rows,
      [["olivia_os"], ["olivia_os"], ["alice_os"]])
    // The setting means nothing to anyone but the owner.
    let alice = try connect(as: "alice")
    try admin().execute("GRANT rapport_writer TO alice")
    let claimed = lines.touchpoint(account: "acme", date: "2026-03-15", by: "alice", login: "alice_os")
    let error = sqlState {
      try alice.transaction {
        try alice.execute("SET LOCAL rapport.copy_in = 'on'")
        try alice.execute(JournalSchema.insertRecord, parameters: [String(claimed.seq), claimed.text])
      }
    }
    XCTAssertEqual(error?.sqlState, "RJ004")
  }
}
