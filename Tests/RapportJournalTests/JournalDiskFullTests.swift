import Foundation
import Glibc
import RapportJournal
import XCTest

/// A write that cannot complete (file-size limit, full disk) must fail cleanly and leave no fragment.
final class JournalDiskFullTests: JournalTestCase {
  func testAnAppendOverTheFileSizeLimitFailsAndLeavesTheJournalAsItWas() throws {
    let (journal, _) = try makeJournal(records: 5)
    let before = try contents(of: journal.path)
    let big = note(6, text: String(repeating: "lorem ipsum ", count: 20_000))

    let error = try withFileSizeLimit(UInt64(before.count) + 100) {
      journalError(try append([big], to: journal))
    }
    guard case .system(let reportedPath, _, let code) = error else {
      return XCTFail("expected a system error, got \(String(describing: error))")
    }
    XCTAssertEqual(code, EFBIG)
    XCTAssertEqual(reportedPath, journal.path)
    XCTAssertEqual(error?.description.contains("EFBIG"), true)

    XCTAssertEqual(try fileSize(journal.path), UInt64(before.count))
    XCTAssertEqual(try contents(of: journal.path), before)
    XCTAssertFalse(FileManager.default.fileExists(atPath: journal.quarantinePath))
    let report = try journal.verify()
    XCTAssertTrue(report.isSound, "\(report.problems)")
    XCTAssertEqual(report.lastSeq, 5)

    // Once there is room again, the next append takes the same sequence number.
    let outcome = try append([big], to: journal)
    XCTAssertEqual(outcome.records.first?.seq, 6)
    XCTAssertEqual(outcome.records.first?.offset, UInt64(before.count))
    XCTAssertTrue(try journal.verify().isSound)
  }

  func testABatchThatDoesNotFitIsNotWrittenInPart() throws {
    let (journal, _) = try makeJournal(records: 3)
    let before = try contents(of: journal.path)
    let drafts = (4...8).map { note($0, text: String(repeating: "x", count: 2_000)) }
    let error = try withFileSizeLimit(UInt64(before.count) + 5_000) {
      journalError(try append(drafts, to: journal))
    }
    guard case .system(_, _, EFBIG) = error else { return XCTFail("expected EFBIG, got \(String(describing: error))") }
    XCTAssertEqual(try contents(of: journal.path), before)
    XCTAssertEqual(try scanAll(journal).records.count, 3)
    XCTAssertTrue(try journal.verify().isSound)
  }

  /// Runs `body` with the soft file-size limit lowered to `bytes` and `SIGXFSZ` ignored (so the write
  /// fails with EFBIG instead of killing the process), restoring both afterwards.
  private func withFileSizeLimit<T>(_ bytes: UInt64, _ body: () throws -> T) throws -> T {
    var saved = rlimit()
    guard getrlimit(resource(RLIMIT_FSIZE), &saved) == 0 else { throw POSIXError(.init(rawValue: errno) ?? .EIO) }
    // A hard limit already below `bytes` only makes the test stricter: lower the soft limit to it.
    let previousHandler = signal(SIGXFSZ, SIG_IGN)
    defer { signal(SIGXFSZ, previousHandler) }
    var lowered = saved
    lowered.rlim_cur = min(rlim_t(bytes), saved.rlim_max)
    guard setrlimit(resource(RLIMIT_FSIZE), &lowered) == 0 else { throw POSIXError(.init(rawValue: errno) ?? .EIO) }
    defer { setrlimit(resource(RLIMIT_FSIZE), &saved) }
    return try body()
  }

  private func resource(_ value: __rlimit_resource) -> __rlimit_resource_t { __rlimit_resource_t(value.rawValue) }
}
