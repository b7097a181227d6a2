import Foundation
import Glibc
import RapportCheckpoint
import RapportDomain
import RapportJournal
import RapportTestSupport
import XCTest

/// Members' email addresses (for `rapport digest`) survive a checkpoint: the book read from one equals
/// the book folded from the journal, addresses included.
final class MemberEmailCheckpointTests: XCTestCase {
  func testMembersAddressesAreInTheCheckpoint() throws {
    let directory = try TemporaryFolder.make("rapport-member-email")
    defer { TemporaryFolder.remove(directory) }
    let journal = try Journal.create(at: directory + "/book.jsonl", by: "ana")
    let store = CheckpointStore(directory: directory + "/cache")
    var desk = try Desk.open(journal, user: "ana")
    let login = Journal.processLogin
    try desk.perform(.addMember(name: "ana", logins: [login], role: .admin, email: "ana@example.com"))
    try desk.perform(.addMember(name: "bo", logins: ["bo"], role: .member))
    try desk.perform(.addMember(name: "zoe", logins: ["zoe"], role: .viewer, email: "zoe+rapport@example.co.uk"))
    try XCTUnwrap(try desk.saveCheckpoint(to: store))

    let opened = try Desk.open(journal, user: "ana", checkpoints: store)
    guard case .checkpoint = opened.opening else { return XCTFail("the checkpoint was not used: \(opened.opening)") }
    let replay = try Desk.open(journal, user: "ana")
    XCTAssertEqual(opened.desk.book, replay.book)
    XCTAssertEqual(opened.desk.book.members, replay.book.members)
    XCTAssertEqual(
      opened.desk.book.members.all.map(\.email), [Optional("ana@example.com"), nil, "zoe+rapport@example.co.uk"])
  }
}
