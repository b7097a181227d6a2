import Foundation
import Glibc
import RapportDomain
import RapportJournal
import RapportTestSupport
import XCTest

/// `Desk.refreshReportingChanges()`: which accounts another writer's records touched, so that a viewer
/// re-assesses only those.
final class RefreshChangesTests: XCTestCase {
  private var directory = ""
  let monday = day("2026-11-23")

  override func setUpWithError() throws {
    try super.setUpWithError()
    directory = try TemporaryFolder.make("rapport-refresh-tests")
  }

  override func tearDownWithError() throws {
    TemporaryFolder.remove(directory)
    try super.tearDownWithError()
  }

  func testNamesTheAccountsEachKindOfRecordTouched() throws {
    let journal = try Journal.create(at: directory + "/book.jsonl", by: "ana")
    var writer = try Desk.open(journal, user: "ana")
    var viewer = try Desk.open(journal, user: "bo")
    for slug in ["acme", "globex", "initech"] {
      try writer.perform(.addAccount(slug: slug, profile: AccountProfile(name: slug, tier: 2, owner: "ana")))
    }
    XCTAssertEqual(
      try viewer.refreshReportingChanges(), Desk.Changes(records: 3, accounts: ["acme", "globex", "initech"]))
    XCTAssertEqual(try viewer.refreshReportingChanges(), Desk.Changes(records: 0, accounts: []))

    let touch = try writer.perform(
      .logTouchpoint(slug: "acme", TouchpointInput(kind: .call, date: monday, summary: "Kick-off")))
    try writer.perform(.addTask(slug: "globex", text: "Send the deck", due: monday, owner: "bo"))
    XCTAssertEqual(try viewer.refreshReportingChanges(), Desk.Changes(records: 2, accounts: ["acme", "globex"]))

    // A task completion and a retraction name no account themselves: found through what they point at.
    let task = try XCTUnwrap(writer.book.tasks.keys.first)
    try writer.perform(.completeTask(id: task, date: monday))
    XCTAssertEqual(try viewer.refreshReportingChanges().accounts, ["globex"])
    try writer.perform(.retract(seq: try XCTUnwrap(touch.records.first?.seq), reason: "wrong account"))
    XCTAssertEqual(try viewer.refreshReportingChanges().accounts, ["acme"])

    // A configuration change may move every account.
    try writer.perform(.setConfig(key: "checkin.tier2", value: 10))
    try writer.perform(.logTouchpoint(slug: "initech", TouchpointInput(kind: .call, date: monday, summary: "Hi")))
    XCTAssertEqual(try viewer.refreshReportingChanges(), Desk.Changes(records: 2, accounts: nil))
    XCTAssertEqual(viewer.book.lastSeq, writer.book.lastSeq)
  }
}
