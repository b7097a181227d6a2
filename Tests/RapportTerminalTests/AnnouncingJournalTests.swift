import Foundation
import Glibc
import RapportDomain
import RapportJournal
import XCTest

@testable import RapportTerminal

/// The dashboard on a journal that announces appends (as a database does, here a file journal behind
/// a pipe): it watches the store's descriptor, reads the journal when an append is announced, and
/// not at every poll; without a descriptor it reads at every poll, as on a file.
final class AnnouncingJournalTests: XCTestCase {
  /// A store keeping its lines in a file journal, announcing through a pipe; `listening` false
  /// stands for a lost wake-up connection.
  final class PipeAnnouncingStore: JournalStore, @unchecked Sendable {
    let file: Journal
    private var ends: [Int32] = [-1, -1]
    var listening = true

    init(path: String) {
      file = Journal(path: path)
      _ = pipe(&ends)
    }

    deinit { for end in ends { close(end) } }

    /// What another writer's commit does: a byte on the pipe.
    func announce() { _ = write(ends[1], "1", 1) }

    var name: String { "pipe:" + file.path }
    var exists: Bool { file.exists }
    var login: String { file.login }
    var isWritable: Bool { file.isWritable }
    func scan(from position: JournalPosition, _ body: (Record) throws -> Void) throws -> JournalScanner.Outcome {
      try file.scan(from: position, body)
    }
    func append(
      by user: String, login: String?, at time: Timestamp, _ makeDrafts: (JournalPosition) throws -> [EventDraft]
    ) throws -> Journal.AppendOutcome {
      try file.append(by: user, login: login, at: time, makeDrafts)
    }
    func warnings() -> [String] { [] }
    // What a store answers for checkpoints: the file's own bytes.
    func firstLine() throws -> [UInt8]? { try lines().first }
    func line(endingAt offset: UInt64) throws -> [UInt8]? {
      var end: UInt64 = 0
      for line in try lines() {
        end += UInt64(line.count) + 1
        if end == offset { return line }
      }
      return nil
    }
    var length: UInt64 { get throws { UInt64(try Data(contentsOf: URL(fileURLWithPath: file.path)).count) } }
    private func lines() throws -> [[UInt8]] {
      try Data(contentsOf: URL(fileURLWithPath: file.path)).split(separator: 0x0A).map { Array($0) }
    }

    func changeDescriptor() -> Int32? { listening ? ends[0] : nil }
    func consumeChanges() -> Bool {
      var byte: UInt8 = 0
      var watched = pollfd(fd: ends[0], events: Int16(POLLIN), revents: 0)
      var drained = false
      while poll(&watched, 1, 0) == 1, read(ends[0], &byte, 1) == 1 { drained = true }
      return drained
    }
  }

  private func fixture() throws -> (BookFixture, PipeAnnouncingStore, Dashboard, Desk) {
    let book = try BookFixture()
    let store = PipeAnnouncingStore(path: book.path)
    let dashboard = Dashboard(desk: try Desk.open(Journal(store: store), user: "ana"), today: book.today)
    let other = try Desk.open(Journal(path: book.path), user: "bo")
    return (book, store, dashboard, other)
  }

  private func statusLine(_ dashboard: Dashboard) -> String {
    var canvas = Canvas(rows: 24, columns: 100)
    dashboard.render(into: &canvas)
    return canvas.lines.last { $0.contains("records") } ?? ""
  }

  func testTheDashboardWatchesTheStoresDescriptor() throws {
    let (book, store, dashboard, _) = try fixture()
    defer { withExtendedLifetime(book) {} }
    XCTAssertEqual(dashboard.wakeDescriptor, store.changeDescriptor())
    store.listening = false
    XCTAssertNil(dashboard.wakeDescriptor)
  }

  func testAnAnnouncedAppendIsReadAndAnUnannouncedOneWaits() throws {
    var (book, store, dashboard, other) = try fixture()
    defer { withExtendedLifetime(book) {} }
    XCTAssertTrue(statusLine(dashboard).contains("7 records"), statusLine(dashboard))
    try other.perform(
      .logTouchpoint(slug: "globex", TouchpointInput(kind: .call, date: BookFixture.today, summary: "x")))
    XCTAssertFalse(dashboard.poll(), "not announced: the journal is not read")
    XCTAssertTrue(statusLine(dashboard).contains("7 records"), statusLine(dashboard))

    store.announce()
    XCTAssertTrue(dashboard.poll())
    XCTAssertTrue(statusLine(dashboard).contains("8 records"), statusLine(dashboard))
  }

  func testWithoutItsWakeUpTheJournalIsReadAtEveryPoll() throws {
    var (book, store, dashboard, other) = try fixture()
    defer { withExtendedLifetime(book) {} }
    store.listening = false
    try other.perform(
      .logTouchpoint(slug: "globex", TouchpointInput(kind: .call, date: BookFixture.today, summary: "x")))
    XCTAssertTrue(dashboard.poll())
    XCTAssertTrue(statusLine(dashboard).contains("8 records"), statusLine(dashboard))
  }
}
