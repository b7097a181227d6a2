import Foundation
import RapportPostgres
import XCTest

/// `rapport digest` on a journal in PostgreSQL: members' addresses go through the server's member
/// trigger like any `member.added`, and the digest reads them back.
final class PostgresDigestTests: PostgresCLITestCase {
  func testAMembersAddressInADatabaseJournalReachesTheirDigest() throws {
    let sandbox = try makeSandbox()
    try initialize(sandbox)
    try succeed(
      ["member", "add", "olivia", "--login", "rapport_owner", "--role", "admin", "--email", "olivia@example.com"],
      in: sandbox, role: "rapport_owner", as: "olivia")
    try succeed(
      ["member", "add", "alice", "--login", "alice", "--role", "member", "--email", "alice@example.com"], in: sandbox,
      role: "rapport_owner", as: "olivia")
    try succeed(
      ["account", "add", "cafe", "--name", "Café Müller GmbH", "--tier", "1", "--owner", "alice"], in: sandbox,
      role: "alice")
    let list = try succeed(["member", "list"], in: sandbox, role: "alice")
    XCTAssertTrue(list.stdout.contains("alice  member  alice  alice@example.com\n"), list.summary)
    XCTAssertEqual(try granted("alice"), ["rapport_writer"], "the trigger still grants the role")

    let digest = try succeed(["digest"], in: sandbox, role: "alice")
    XCTAssertTrue(digest.stdout.contains("\nTo: alice <alice@example.com>\n"), digest.summary)
    XCTAssertTrue(digest.stdout.contains("* Café Müller GmbH (cafe)\n"), digest.summary)
    XCTAssertFalse(digest.stdout.contains("To: olivia"), "nothing for olivia: every account has an owner")
  }
}
