import Foundation
import XCTest

/// A journal written by one big `rapport import usage` (one all-or-nothing batch of 20,000 records)
/// reads as the same book as the same rows imported in many small batches: `rapport board` prints the
/// same, `rapport verify` finds it sound, and cut before its last line it names the batch's first line.
final class BigImportBatchTests: RapportCLITestCase {
  private let accounts = 40
  private let rows = 20_000

  /// A sandbox whose journal holds `accounts` accounts and the usage rows imported in `files` files.
  private func sandbox(importingIn files: Int) throws -> RapportSandbox {
    let sandbox = try makeSandbox()
    try sandbox.succeed(["init"])
    var accountRows = "account,name,tier\n"
    for number in 1...accounts { accountRows += "acct-\(number),Account \(number),\(number % 3 + 1)\n" }
    try sandbox.write(Array(accountRows.utf8), to: sandbox.path("accounts.csv"))
    try sandbox.succeed(["import", "accounts", sandbox.path("accounts.csv")])
    let perFile = rows / files
    let formatter = ISO8601DateFormatter()
    formatter.formatOptions = [.withFullDate]
    // The sandbox's today, 2026-11-23 (UTC), at noon.
    let today = Date(timeIntervalSince1970: 1_795_435_200)
    for file in 0..<files {
      var text = "account,date,value\n"
      for row in (file * perFile)..<((file + 1) * perFile) {
        // Consecutive days back from today, each account once a day.
        let date = formatter.string(from: today.addingTimeInterval(-86_400 * Double(row / accounts)))
        text += "acct-\(row % accounts + 1),\(date),\((row &* 7919) % 5000)\n"
      }
      let path = sandbox.path("usage-\(file).csv")
      try sandbox.write(Array(text.utf8), to: path)
      try sandbox.succeed(["import", "usage", path])
    }
    return sandbox
  }

  func testOneBatchOfTwentyThousandReadsAsManySmallOnesDo() throws {
    let one = try sandbox(importingIn: 1)
    let many = try sandbox(importingIn: 20)
    let batches = try JournalFile.lines(try one.journalBytes()).compactMap { $0.object["batch"] as? [Int] }
    XCTAssertEqual(batches.last, [rows, rows], "one batch of every row")

    let board = try one.succeed(["board"])
    XCTAssertEqual(board.stdout, try many.succeed(["board"]).stdout)
    let verify = try one.succeed(["verify"])
    XCTAssertTrue(verify.stdout.contains("sound, \(rows + accounts + 1) records"), verify.summary)
  }

  func testOneBatchCutBeforeItsLastLineIsNamedAtItsFirstLine() throws {
    let sandbox = try sandbox(importingIn: 1)
    let lines = try JournalFile.lines(try sandbox.journalBytes())
    let first = try XCTUnwrap(lines.first { ($0.object["batch"] as? [Int]) == [1, rows] })
    let last = try XCTUnwrap(lines.last)
    try sandbox.write(Array(try sandbox.journalBytes()[..<last.offset]), to: sandbox.journalPath)

    let verify = try sandbox.run(["verify"])
    XCTAssertEqual(verify.status, 1, verify.summary)
    XCTAssertTrue(
      verify.stdout.contains("NOT sound: first bad record \(first.seq ?? 0) at byte \(first.offset)"), verify.summary)
  }
}
