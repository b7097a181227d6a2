import Foundation
import Glibc
import RapportJournal
import RapportTestSupport
import XCTest

/// The base of the journal tests: each test gets a fresh temporary directory (removed afterwards) and
/// helpers to build journals and to damage their files the way a crash, a full disk or an edit would.
class JournalTestCase: XCTestCase {
  /// The temporary directory of the running test.
  private(set) var directory = ""

  /// 2026-11-23T09:30:00.000Z; record `n` of `makeJournal` is written `n` minutes later.
  let startTime = Timestamp(milliseconds: 1_795_426_200_000)

  override func setUpWithError() throws {
    try super.setUpWithError()
    directory = try TemporaryFolder.make("rapport-journal-tests")
  }

  override func tearDownWithError() throws {
    TemporaryFolder.remove(directory)
    try super.tearDownWithError()
  }

  func path(_ name: String) -> String { directory + "/" + name }

  func time(minute: Int) -> Timestamp { Timestamp(milliseconds: startTime.milliseconds + Int64(minute) * 60_000) }

  /// A small event as the domain would write it.
  func note(_ number: Int, text: String? = nil) -> EventDraft {
    EventDraft(
      type: "note.added", account: "acme",
      data: JSONObject([("n", .number(Double(number))), ("text", .string(text ?? "note \(number)"))]))
  }

  /// A new journal holding `count` records (its `journal.created` record and `count - 1` notes, each
  /// appended on its own), with the records as read back.
  func makeJournal(named name: String = "book.jsonl", records count: Int) throws -> (
    journal: Journal, records: [Record]
  ) {
    let journal = try Journal.create(at: path(name), by: "ana", at: startTime)
    for number in stride(from: 2, through: count, by: 1) {
      _ = try append([note(number)], to: journal, minute: number)
    }
    let records = try scanAll(journal).records
    XCTAssertEqual(records.count, count)
    return (journal, records)
  }

  func append(_ drafts: [EventDraft], to journal: Journal, minute: Int = 0) throws -> Journal.AppendOutcome {
    try journal.append(by: "ana", at: time(minute: minute)) { _ in drafts }
  }

  func scanAll(_ journal: Journal) throws -> (records: [Record], outcome: JournalScanner.Outcome) {
    var records: [Record] = []
    let outcome = try journal.scan { records.append($0) }
    return (records, outcome)
  }

  // MARK: Files

  func contents(of path: String) throws -> [UInt8] {
    guard let data = FileManager.default.contents(atPath: path) else {
      throw POSIXError(.ENOENT)
    }
    return [UInt8](data)
  }

  /// Rewrites the file in place (same inode and mode), as an editor or a careless script would.
  func overwrite(_ path: String, with bytes: [UInt8]) throws {
    let file = open(path, O_WRONLY | O_TRUNC | O_CREAT, 0o600)
    guard file >= 0 else { throw POSIXError(.init(rawValue: errno) ?? .EIO) }
    defer { close(file) }
    let written = bytes.withUnsafeBytes { write(file, $0.baseAddress, $0.count) }
    guard written == bytes.count else { throw POSIXError(.EIO) }
  }

  func appendBytes(_ bytes: [UInt8], to path: String) throws {
    try overwrite(path, with: try contents(of: path) + bytes)
  }

  func truncateFile(_ path: String, to size: UInt64) throws {
    guard truncate(path, off_t(size)) == 0 else { throw POSIXError(.init(rawValue: errno) ?? .EIO) }
  }

  func fileSize(_ path: String) throws -> UInt64 {
    var info = stat()
    guard stat(path, &info) == 0 else { throw POSIXError(.init(rawValue: errno) ?? .EIO) }
    return UInt64(info.st_size)
  }

  func fileMode(_ path: String) throws -> mode_t {
    var info = stat()
    guard stat(path, &info) == 0 else { throw POSIXError(.init(rawValue: errno) ?? .EIO) }
    return info.st_mode & 0o777
  }

  /// The bytes of a record's line, without its newline.
  func line(of record: Record, in bytes: [UInt8]) -> [UInt8] {
    let start = Int(record.offset)
    let end = bytes[start...].firstIndex(of: 0x0A) ?? bytes.count
    return Array(bytes[start..<end])
  }

  /// The bytes a quarantine entry set aside.
  func quarantinedBytes(of entry: JSONObject?) throws -> [UInt8] {
    let text = try XCTUnwrap(entry?["bytes_base64"]?.stringValue)
    return [UInt8](try XCTUnwrap(Data(base64Encoded: text)))
  }

  /// Asserts that `body` throws a `JournalError` and returns it.
  func journalError<T>(
    _ body: @autoclosure () throws -> T, file: StaticString = #filePath, line: UInt = #line
  ) -> JournalError? {
    do {
      _ = try body()
      XCTFail("expected a JournalError, but nothing was thrown", file: file, line: line)
    } catch let error as JournalError {
      return error
    } catch {
      XCTFail("expected a JournalError, got \(error)", file: file, line: line)
    }
    return nil
  }
}
