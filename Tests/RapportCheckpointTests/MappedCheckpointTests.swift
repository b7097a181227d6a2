import Foundation
import Glibc
import RapportCheckpoint
import RapportJournal
import RapportTestSupport
import XCTest

@testable import RapportDomain

/// A checkpoint is read in place: viewers map the file read-only and shared, use the book's long lists
/// where they lie, and keep privately only what they fold after it.
final class MappedCheckpointTests: XCTestCase {
  private var directory = ""
  private var journal = Journal(path: "")
  private var store = CheckpointStore(directory: "")
  private let today = day("2026-11-23")

  override func setUpWithError() throws {
    try super.setUpWithError()
    directory = try TemporaryFolder.make("rapport-mapped-tests")
    store = CheckpointStore(directory: directory + "/cache/checkpoints")
    journal = try CheckpointTests.generatedJournal(at: directory + "/book.jsonl", today: today)
  }

  override func tearDownWithError() throws {
    TemporaryFolder.remove(directory)
    try super.tearDownWithError()
  }

  func testTwoViewersShareOneMappingWhileAWriterAppends() throws {
    try XCTUnwrap(try Desk.open(journal, user: "ana", checkpoints: store).desk.saveCheckpoint(to: store))
    let file = try checkpointFile()
    let bytesBefore = try Data(contentsOf: URL(fileURLWithPath: file))
    var ana = try Desk.open(journal, user: "ana", checkpoints: store).desk
    var bo = try Desk.open(journal, user: "bo", checkpoints: store).desk

    // Each viewer maps the file shared and read-only; their lists lie in those mappings.
    let mappings = try Self.mappings(of: file)
    XCTAssertGreaterThanOrEqual(mappings.count, 2, "one mapping per viewer")
    XCTAssertTrue(mappings.allSatisfy { $0.permissions == "r--s" }, "read-only and shared: \(mappings)")
    let (slug, sample, task) = try chooseEntries(in: ana.book)
    let amended = try ana.book.account(slug).usage[2].meta.seq
    for viewer in [ana, bo] {
      let account = try viewer.book.account(slug)
      for address in [account.usage.mappedAddress, account.touchpoints.mappedAddress] {
        let address = try XCTUnwrap(address, "the list is mapped")
        XCTAssertTrue(mappings.contains { $0.range.contains(UInt(bitPattern: address)) }, "inside the checkpoint")
      }
    }

    // A writer changes entries that lie in the mapping and adds new ones.
    var writer = try Desk.open(journal, user: "cy")
    try writer.perform(.retract(seq: sample, reason: "meter reset"))
    try writer.perform(.completeTask(id: task, date: today))
    try writer.perform(.recordUsage(slug: slug, value: 1234, date: today))
    try writer.perform(.amend(seq: amended, changes: JSONObject([("value", .number(7))])))
    XCTAssertEqual(try ana.refresh(), 4)
    XCTAssertEqual(try bo.refresh(), 4)

    let replay = try Desk.open(journal, user: "ana").book
    XCTAssertEqual(ana.book, replay)
    XCTAssertEqual(bo.book, replay)
    for viewer in [ana, bo] {
      let usage = try viewer.book.account(slug).usage
      XCTAssertTrue(usage.isMapped, "the mapped part stays mapped")
      XCTAssertEqual(usage.last?.value, 1234, "the new sample is the viewer's own")
      XCTAssertNotNil(usage.first { $0.meta.seq == sample }?.meta.retraction, "the retraction is seen")
      XCTAssertEqual(usage.first { $0.meta.seq == amended }?.value, 7, "the amendment is seen")
      XCTAssertLessThanOrEqual(usage.changedCount, 2, "only the changed entries are kept aside")
      XCTAssertEqual(viewer.book.tasks[task]?.isDone, true)
    }
    XCTAssertEqual(try Data(contentsOf: URL(fileURLWithPath: file)), bytesBefore, "the checkpoint is never written")
  }

  func testAFreshCheckpointOfTheChangedBookIsReadInPlaceToo() throws {
    try XCTUnwrap(try Desk.open(journal, user: "ana", checkpoints: store).desk.saveCheckpoint(to: store))
    var viewer = try Desk.open(journal, user: "ana", checkpoints: store).desk
    let (slug, sample, _) = try chooseEntries(in: viewer.book)
    try viewer.perform(.retract(seq: sample, reason: "meter reset"))
    // A checkpoint written from a book that is partly mapped and partly changed.
    try XCTUnwrap(try viewer.saveCheckpoint(to: store))
    let reopened = try Desk.open(journal, user: "ana", checkpoints: store)
    guard case .checkpoint = reopened.opening else { return XCTFail("not opened from the checkpoint") }
    XCTAssertEqual(reopened.desk.book, try Desk.open(journal, user: "ana").book)
    XCTAssertNotNil(try reopened.desk.book.account(slug).usage.first { $0.meta.seq == sample }?.meta.retraction)
  }

  /// An account with usage samples, a sample's sequence number (not its account's first), and an open
  /// task, all from the checkpoint.
  private func chooseEntries(in book: Book) throws -> (slug: String, sample: Int, task: Int) {
    let account = try XCTUnwrap(book.allAccounts.first { $0.usage.count > 2 && !book.openTasks(of: $0).isEmpty })
    let sample = account.usage[1]
    XCTAssertFalse(sample.meta.isRetracted)
    return (account.slug, sample.meta.seq, try XCTUnwrap(book.openTasks(of: account).first).id)
  }

  private func checkpointFile() throws -> String {
    let names = try FileManager.default.contentsOfDirectory(atPath: store.directory).filter {
      $0.hasSuffix(".checkpoint")
    }
    let path = store.directory + "/" + (try XCTUnwrap(names.first))
    // As /proc/self/maps names it.
    let resolved = try XCTUnwrap(realpath(path, nil))
    defer { free(resolved) }
    return String(cString: resolved)
  }

  /// The mappings of `path` in this process, from /proc/self/maps.
  static func mappings(of path: String) throws -> [(range: Range<UInt>, permissions: String)] {
    let maps = try String(contentsOfFile: "/proc/self/maps", encoding: .utf8)
    return maps.split(separator: "\n").compactMap { line in
      let fields = line.split(separator: " ", omittingEmptySubsequences: true)
      guard fields.count >= 6, fields[5...].joined(separator: " ") == path else { return nil }
      let bounds = fields[0].split(separator: "-").compactMap { UInt($0, radix: 16) }
      guard bounds.count == 2 else { return nil }
      return (bounds[0]..<bounds[1], String(fields[1]))
    }
  }
}
