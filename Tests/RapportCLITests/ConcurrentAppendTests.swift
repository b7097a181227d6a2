import Foundation
import XCTest

/// Several processes appending to one journal at once must neither lose, duplicate nor reorder records.
final class ConcurrentAppendTests: RapportCLITestCase {
  static let writers = 8
  // Enough for the eight to contend for the lock all along (a process each, one append each, on two
  // cores); 500 each took six minutes of the suite, nearly all of it starting processes.
  static let appendsPerWriter = 150

  func testEightProcessesAppendingAHundredAndFiftyEventsEachLoseNothing() throws {
    let sandbox = try makeSandbox()
    try sandbox.initWithAcme()

    // 8 shell loops at once, each running 150 `rapport usage` processes one after the other.
    let script = """
      i=1
      while [ $i -le \(Self.appendsPerWriter) ]; do
        "$RAPPORT" usage acme $i --date 2026-11-0$WRITER || echo "FAILED usage $i: exit $?" >&2
        i=$((i + 1))
      done
      """
    let started = DispatchTime.now()
    let loops = try (1...Self.writers).map { writer in
      try sandbox.start(executable: "/bin/sh", ["-c", script], environment: ["WRITER": String(writer)])
    }
    let results = try loops.map { try $0.finish() }
    let seconds = elapsed(since: started) / 1000
    print(
      "ConcurrentAppendTests: \(Self.writers * Self.appendsPerWriter) appends by \(Self.writers) processes at once took \(String(format: "%.1f", seconds)) s"
    )

    var saved: [SavedLine] = []
    var unexpected: [String] = []
    for (index, result) in results.enumerated() {
      XCTAssertEqual(result.status, 0, "writer \(index + 1): \(result.summary)")
      XCTAssertFalse(
        result.stderr.contains("FAILED"), "writer \(index + 1) had failed appends:\n\(RapportResult.cut(result.stderr))"
      )
      let lines = result.saved
      XCTAssertEqual(lines.count, Self.appendsPerWriter, "writer \(index + 1) reported \(lines.count) saved lines")
      XCTAssertTrue(lines.allSatisfy { $0.type == "usage.recorded" })
      saved += lines
      for line in result.stderrLines {
        unexpected.append("writer \(index + 1): \(line)")
      }
    }
    XCTAssertTrue(
      unexpected.isEmpty,
      "\(unexpected.count) unexpected lines on stderr:\n\(unexpected.prefix(5).joined(separator: "\n"))")
    // The journal: genesis + account + 1,200 usage records, seqs 1…1202 in order, each line valid JSON.
    let expectedCount = 2 + Self.writers * Self.appendsPerWriter
    let lines = try JournalFile.lines(try sandbox.journalBytes())
    XCTAssertEqual(lines.count, expectedCount)
    XCTAssertNil(JournalFile.firstSeqGap(lines), "seqs are not contiguous 1…\(expectedCount)")
    XCTAssertEqual(lines.first?.type, "journal.created")
    XCTAssertEqual(lines.dropFirst().first?.type, "account.created")
    XCTAssertEqual(
      lines.dropFirst(2).filter { $0.type == "usage.recorded" }.count, Self.writers * Self.appendsPerWriter)

    // Every id reported saved is in the journal exactly once, at the seq that was reported.
    XCTAssertEqual(saved.count, Self.writers * Self.appendsPerWriter)
    XCTAssertEqual(Set(saved.map(\.id)).count, saved.count, "two appends reported the same id")
    XCTAssertEqual(Set(saved.map(\.seq)).count, saved.count, "two appends reported the same seq")
    var occurrences: [String: [Int]] = [:]
    for line in lines { if let id = line.id { occurrences[id, default: []].append(line.seq ?? -1) } }
    XCTAssertEqual(occurrences.count, lines.count, "an id occurs on more than one line")
    var missing = 0
    for line in saved {
      guard let seqs = occurrences[line.id] else {
        missing += 1
        continue
      }
      XCTAssertEqual(seqs, [line.seq], "id \(line.id) was reported as #\(line.seq)")
    }
    XCTAssertEqual(missing, 0, "\(missing) ids reported saved are not in the journal")

    // Each writer's own appends are in its own order (the loop is sequential).
    for (index, result) in results.enumerated() {
      let seqs = result.saved.map(\.seq)
      XCTAssertEqual(seqs, seqs.sorted(), "writer \(index + 1)'s appends were reordered")
    }

    let verify = try sandbox.run(["verify"])
    XCTAssertEqual(verify.status, 0, verify.summary)
    XCTAssertTrue(verify.stdout.contains("sound"), verify.summary)
    XCTAssertFalse(verify.stdout.contains("NOT sound"), verify.summary)
    XCTAssertTrue(verify.stdout.contains("\(expectedCount) records"), verify.summary)
  }
}
