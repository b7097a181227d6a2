import Foundation
import XCTest

/// `rapport import usage` of a large file: one batch written in many chunks (the chunk size is made
/// small here so that 50,000 rows take dozens of them), all of it or none of it in the journal.
final class ImportLargeBatchTests: RapportCLITestCase {
  private static let accounts = 50
  private static let rows = 50_000
  /// 64 KiB chunks: the 50,000-line batch (some 15 MB) is written in over 200 of them.
  private static let smallChunks = ["RAPPORT_FAULT_BATCH_CHUNK_BYTES": "65536"]

  /// A journal with acct-1…acct-50, and a usage file of `rows` rows (consecutive days back from the
  /// sandbox's today for each account), the last one replaced by `lastRow` when given.
  private func prepare(lastRow: String? = nil) throws -> (RapportSandbox, file: String) {
    let sandbox = try makeSandbox()
    try sandbox.succeed(["init"])
    var accounts = "account,name,tier\n"
    for number in 1...Self.accounts { accounts += "acct-\(number),Account \(number),\(number % 3 + 1)\n" }
    try sandbox.write(Array(accounts.utf8), to: sandbox.path("accounts.csv"))
    try sandbox.succeed(["import", "accounts", sandbox.path("accounts.csv")])
    let formatter = ISO8601DateFormatter()
    formatter.formatOptions = [.withFullDate]
    formatter.timeZone = TimeZone(identifier: "UTC")
    let today = try XCTUnwrap(formatter.date(from: RapportSandbox.today))
    var usage = "account,date,value\n"
    for row in 0..<Self.rows {
      if row == Self.rows - 1, let lastRow {
        usage += lastRow + "\n"
        continue
      }
      let day = today.addingTimeInterval(-86_400 * Double(row / Self.accounts))
      usage += "acct-\(row % Self.accounts + 1),\(formatter.string(from: day)),\(row % 997)\n"
    }
    let file = sandbox.path("usage.csv")
    try sandbox.write(Array(usage.utf8), to: file)
    return (sandbox, file)
  }

  /// The usage measure of each account on the board (its raw value, nil when it has no data).
  private func boardUsage(_ sandbox: RapportSandbox) throws -> [String: Double?] {
    let board = try sandbox.succeed(["board", "--format", "json"])
    let accounts = try XCTUnwrap(try parseJSON(board.stdout) as? [[String: Any]], board.summary)
    var result: [String: Double?] = [:]
    for account in accounts {
      let slug = try XCTUnwrap(account["account"] as? String, "\(account)")
      let measures = account["measures"] as? [[String: Any]] ?? []
      let usage = measures.first { $0["name"] as? String == "usage" }
      result[slug] = usage?["raw"] as? Double
    }
    return result
  }

  func testFiftyThousandRowsLandAsOneBatchTheBoardShows() throws {
    let (sandbox, file) = try prepare()
    let before = try JournalFile.lines(try sandbox.journalBytes())
    XCTAssertTrue(try boardUsage(sandbox).values.allSatisfy { $0 == nil }, "no usage before the import")

    let result = try sandbox.run(["import", "usage", file], environment: Self.smallChunks)
    XCTAssertEqual(result.status, 0, result.summary)
    XCTAssertTrue(result.stdout.contains("added 50000, updated 0, unchanged 0, skipped 0"), result.summary)
    let first = before.count + 1
    XCTAssertTrue(
      result.stdout.contains("saved #\(first)–#\(first + Self.rows - 1): 50000 records in one batch"), result.summary)

    let lines = try JournalFile.lines(try sandbox.journalBytes())
    let added = Array(lines.dropFirst(before.count))
    XCTAssertEqual(added.count, Self.rows)
    XCTAssertNil(JournalFile.firstSeqGap(lines))
    XCTAssertTrue(added.allSatisfy { $0.type == "usage.recorded" })
    let batches = added.compactMap { $0.object["batch"] as? [Int] }
    XCTAssertEqual(batches.count, Self.rows)
    XCTAssertTrue(batches.enumerated().allSatisfy { $0.element == [$0.offset + 1, Self.rows] }, "one batch, in order")
    XCTAssertEqual(added[0].account, "acct-1")
    XCTAssertEqual(added[0].data?["date"] as? String, RapportSandbox.today)
    XCTAssertEqual(added[Self.rows - 1].account, "acct-\(Self.accounts)")
    XCTAssertEqual(added[Self.rows - 1].data?["value"] as? Double, Double((Self.rows - 1) % 997))
    try sandbox.succeed(["verify"])

    let usage = try boardUsage(sandbox)
    XCTAssertEqual(usage.count, Self.accounts)
    XCTAssertTrue(usage.values.allSatisfy { $0 != nil }, "every account shows its usage: \(usage)")

    // The same file again: every row is already in the journal, nothing is written.
    let journal = try sandbox.journalBytes()
    let again = try sandbox.succeed(["import", "usage", file])
    XCTAssertTrue(again.stdout.contains("added 0, updated 0, unchanged 50000"), again.summary)
    XCTAssertTrue(again.stdout.contains("nothing written"), again.summary)
    XCTAssertEqual(try sandbox.journalBytes(), journal)
  }

  func testABadRowAtTheEndWritesNothingAndNamesItsLine() throws {
    let (sandbox, file) = try prepare(lastRow: "acct-7,2026-11-01,lots")
    let journal = try sandbox.journalBytes()
    let result = try sandbox.run(["import", "usage", file], environment: Self.smallChunks)
    XCTAssertEqual(result.status, 65, result.summary)
    XCTAssertEqual(
      result.stderrLines.first,
      "rapport: error: \(file):\(Self.rows + 1):3: value: 'lots' is not a usage value: expected a number from 0 to 10^15"
    )
    XCTAssertEqual(result.stderrLines.last, "rapport: error: \(file): 1 problem; nothing written")
    XCTAssertEqual(try sandbox.journalBytes(), journal, "nothing written")

    // A row the journal refuses (a day after today), found only when the batch is checked: the same.
    try sandbox.write(
      Array(
        (try String(contentsOfFile: file, encoding: .utf8)).replacingOccurrences(
          of: "acct-7,2026-11-01,lots", with: "acct-7,2026-12-01,5"
        ).utf8),
      to: file)
    let refused = try sandbox.run(["import", "usage", file], environment: Self.smallChunks)
    XCTAssertEqual(refused.status, 65, refused.summary)
    XCTAssertTrue(
      refused.stderrLines.first?.hasPrefix("rapport: error: \(file):\(Self.rows + 1):") == true, refused.summary)
    XCTAssertEqual(refused.stderrLines.last, "rapport: error: \(file): 1 problem; nothing written")
    XCTAssertEqual(try sandbox.journalBytes(), journal, "nothing written")
    try sandbox.succeed(["verify"])
  }

  func testADiskFullMidwayLeavesTheJournalAsItWas() throws {
    let (sandbox, file) = try prepare()
    let journal = try sandbox.journalBytes()
    // The disk fills after 1 MB of the batch: some 16 chunks are in the file by then.
    let result = try sandbox.run(
      ["import", "usage", file],
      environment: Self.smallChunks.merging(["RAPPORT_FAULT_DISK_FULL_AFTER_BYTES": "1000000"]) { $1 })
    XCTAssertNotEqual(result.status, 0, result.summary)
    XCTAssertTrue(result.stderr.contains("ENOSPC") || result.stderr.contains("No space left"), result.summary)
    XCTAssertEqual(result.saved, [])
    XCTAssertEqual(try sandbox.journalBytes(), journal, "the journal is as it was")
    try sandbox.succeed(["verify"])
    XCTAssertTrue(try boardUsage(sandbox).values.allSatisfy { $0 == nil }, "no part of the batch on the board")

    // With room again, the same file goes in whole.
    let retried = try sandbox.run(["import", "usage", file], environment: Self.smallChunks)
    XCTAssertEqual(retried.status, 0, retried.summary)
    XCTAssertTrue(retried.stdout.contains("50000 records in one batch"), retried.summary)
    try sandbox.succeed(["verify"])
  }

  func testAWriterKilledAfterItsFirstChunkShowsNothingAndTheNextWriterSetsItAside() throws {
    let (sandbox, file) = try prepare()
    let journal = try sandbox.journalBytes()
    // The writer pauses after its first 64 KiB chunk: killed there, the journal ends in part of a batch.
    let writer = try sandbox.start(
      executable: sandbox.realBinary, ["import", "usage", file],
      environment: Self.smallChunks.merging(["RAPPORT_FAULT_PAUSE_MID_WRITE_MS": "20000"]) { $1 })
    let deadline = Date().addingTimeInterval(60)
    while writer.isRunning, Date() < deadline, (try sandbox.journalBytes()).count <= journal.count { usleep(20_000) }
    XCTAssertTrue(writer.isRunning, "the writer finished before it could be killed")
    kill(writer.pid, SIGKILL)
    let killed = try writer.finish()
    XCTAssertTrue(killed.signalled, killed.summary)
    let cut = try sandbox.journalBytes()
    XCTAssertGreaterThan(cut.count, journal.count, "the first chunk is in the file")
    XCTAssertEqual(Array(cut.prefix(journal.count)), journal)

    // Readers take the part of the batch for an unfinished write: the board shows none of it.
    XCTAssertTrue(try boardUsage(sandbox).values.allSatisfy { $0 == nil }, "no part of the batch on the board")

    // The next writer moves it to the quarantine file and writes the whole batch; the journal is sound.
    let next = try sandbox.succeed(["import", "usage", file])
    XCTAssertTrue(next.stderr.contains("moved an unfinished write"), next.summary)
    XCTAssertTrue(next.stdout.contains("50000 records in one batch"), next.summary)
    try sandbox.succeed(["verify"])
    let lines = try JournalFile.lines(try sandbox.journalBytes())
    XCTAssertEqual(lines.filter { $0.type == "usage.recorded" }.count, Self.rows)
    XCTAssertTrue(FileManager.default.fileExists(atPath: sandbox.quarantinePath))
    XCTAssertTrue(try boardUsage(sandbox).values.allSatisfy { $0 != nil })
  }
}
