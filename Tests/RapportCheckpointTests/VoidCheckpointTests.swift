import Foundation
import Glibc
import RapportCheckpoint
import RapportDomain
import RapportJournal
import RapportTestSupport
import XCTest

/// A voided account in a checkpoint: the book restored from it (and the journal's tail) equals the book
/// folded from the whole journal, the voided account out of every list and its id taken again.
final class VoidCheckpointTests: XCTestCase {
  private var directory = ""
  private let today = day("2026-11-23")

  override func setUpWithError() throws {
    try super.setUpWithError()
    directory = try TemporaryFolder.make("rapport-void-checkpoint")
  }

  override func tearDownWithError() throws {
    TemporaryFolder.remove(directory)
    try super.tearDownWithError()
  }

  func testAVoidedAndReAddedAccountRoundTrips() throws {
    let journal = try CheckpointTests.generatedJournal(at: directory + "/book.jsonl", today: today)
    let store = CheckpointStore(directory: directory + "/cache/checkpoints")
    var desk = try Desk.open(journal, user: "ana")
    let profile = AccountProfile(name: "Send QBR deck", tier: 3, owner: "ana")
    try desk.perform(.addAccount(slug: "send-qbr-deck", profile: profile))
    try desk.perform(
      .logTouchpoint(
        slug: "send-qbr-deck",
        TouchpointInput(
          kind: .call, date: today, summary: "Oops", followUp: .init(text: "Deck", due: today.adding(days: 2)))))
    try desk.perform(.voidAccount(slug: "send-qbr-deck", reason: "created by mistake"))
    try desk.perform(.addAccount(slug: "send-qbr-deck", profile: profile))
    try desk.perform(.logTouchpoint(slug: "send-qbr-deck", TouchpointInput(kind: .email, date: today, summary: "Real")))
    try desk.perform(.addAccount(slug: "later-mistake", profile: profile))

    let first = try Desk.open(journal, user: "ana", checkpoints: store)
    try XCTUnwrap(try first.desk.saveCheckpoint(to: store))
    let restored = try Desk.open(journal, user: "ana", checkpoints: store)
    guard case .checkpoint = restored.opening else { return XCTFail("not from the checkpoint: \(restored.opening)") }
    XCTAssertEqual(restored.desk.book, try Desk.open(journal, user: "ana").book)
    XCTAssertEqual(restored.desk.book.voids.map(\.slug), ["send-qbr-deck"])
    XCTAssertEqual(restored.desk.book.accounts["send-qbr-deck"]?.touchpoints.map(\.summary), ["Real"])
    XCTAssertEqual(restored.desk.book.slugs.filter { $0 == "send-qbr-deck" }.count, 1)
    XCTAssertEqual(try restored.desk.book.timeline(of: "send-qbr-deck").count, 2, "the new account's own history")

    // A void in the tail after the checkpoint.
    var writer = try Desk.open(journal, user: "ana")
    try writer.perform(.voidAccount(slug: "later-mistake", reason: "typo"))
    let tail = try Desk.open(journal, user: "ana", checkpoints: store)
    guard case .checkpoint = tail.opening else { return XCTFail("not from the checkpoint: \(tail.opening)") }
    let replay = try Desk.open(journal, user: "ana")
    XCTAssertEqual(tail.desk.book, replay.book)
    XCTAssertNil(tail.desk.book.accounts["later-mistake"])
    XCTAssertEqual(
      Assessor(book: tail.desk.book, today: today).board(), Assessor(book: replay.book, today: today).board())
    // And a checkpoint holding both voids.
    try XCTUnwrap(try tail.desk.saveCheckpoint(to: store))
    let again = try Desk.open(journal, user: "ana", checkpoints: store)
    XCTAssertEqual(again.desk.book, replay.book)
    XCTAssertEqual(again.desk.book.voids.map(\.slug), ["send-qbr-deck", "later-mistake"])
  }
}
