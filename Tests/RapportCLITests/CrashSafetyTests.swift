import Foundation
import Glibc
import XCTest

/// A writer killed in the middle of a record must leave at most a torn tail, which the next writer
/// moves to the quarantine file; nothing that was reported saved may be lost.
final class CrashSafetyTests: RapportCLITestCase {
  /// Kills inside the mid-write pause.
  static let kills = 50
  /// Further kills near the end of the pause, so that some killed writers have saved (and said so).
  static let lateKills = 10
  static let pauseMilliseconds = 200

  func testWritersKilledMidRecordLoseNothingAndLeaveQuarantinedFragments() throws {
    let sandbox = try makeSandbox()
    try sandbox.initWithAcme()
    let started = DispatchTime.now()

    // Two writers appending continuously until the stop file appears.
    let stopFile = sandbox.path("stop")
    let loop = """
      i=0
      while [ ! -e "$STOP" ]; do
        i=$((i + 1))
        "$RAPPORT" usage acme $i --date 2026-11-1$WRITER || echo "FAILED usage $i: exit $?" >&2
      done
      """
    let background = try (1...2).map { writer in
      try sandbox.start(
        executable: "/bin/sh", ["-c", loop], user: "bg\(writer)",
        environment: ["STOP": stopFile, "WRITER": String(writer)])
    }
    var backgroundStopped = false
    defer {
      if !backgroundStopped {
        FileManager.default.createFile(atPath: stopFile, contents: nil)
        for writer in background { _ = try? writer.finish() }
      }
    }

    var saved: [SavedLine] = []
    var killedInsidePause = 0
    var generator = SystemRandomNumberGenerator()
    let padding = String(repeating: "x", count: 400)
    var lateKillsThatSaved = 0
    for round in 1...(Self.kills + Self.lateKills) {
      let late = round > Self.kills
      // A writer that writes half of its record, sleeps, then writes the rest; killed meanwhile.
      let writer = try sandbox.start(
        executable: sandbox.realBinary,
        ["touch", "acme", "--kind", "call", "--summary", "crash \(round) \(padding)"],
        user: "crasher",
        environment: ["RAPPORT_FAULT_PAUSE_MID_WRITE_MS": String(Self.pauseMilliseconds)])
      let launched = DispatchTime.now()
      // Odd rounds wait until the first half is in the file and kill inside the pause; even rounds
      // kill 50–150 ms after the start, wherever the writer is; late rounds kill around the pause's end.
      if late, waitForTornTail(of: sandbox.journalPath, by: "crasher", while: writer, timeout: 10) {
        usleep(useconds_t(Int.random(in: 180_000...260_000, using: &generator)))
      } else if round % 2 == 1, waitForTornTail(of: sandbox.journalPath, by: "crasher", while: writer, timeout: 10) {
        usleep(useconds_t(Int.random(in: 10_000...150_000, using: &generator)))
        killedInsidePause += 1
      } else {
        let delay = Int.random(in: 50_000...150_000, using: &generator)
        let spent = Int(elapsed(since: launched) * 1000)
        if spent < delay { usleep(useconds_t(delay - spent)) }
      }
      if writer.isRunning { kill(writer.pid, SIGKILL) }
      let killed = try writer.finish()
      saved += killed.saved
      if late, !killed.saved.isEmpty { lateKillsThatSaved += 1 }

      // The next normal append repairs any torn tail; the journal is then sound.
      let repair = try sandbox.run(["usage", "acme", String(round), "--date", "2026-11-20"])
      XCTAssertEqual(repair.status, 0, "round \(round): the append after the kill failed: \(repair.summary)")
      saved += repair.saved
      let verify = try sandbox.run(["verify"])
      XCTAssertEqual(verify.status, 0, "round \(round): not sound after the kill and one append: \(verify.summary)")
      if verify.status != 0 { break }
    }

    FileManager.default.createFile(atPath: stopFile, contents: nil)
    let backgroundResults = try background.map { try $0.finish() }
    backgroundStopped = true
    for (index, result) in backgroundResults.enumerated() {
      XCTAssertEqual(result.status, 0, "background writer \(index + 1): \(result.summary)")
      XCTAssertFalse(
        result.stderr.contains("FAILED"),
        "background writer \(index + 1) had failed appends:\n\(RapportResult.cut(result.stderr))")
      XCTAssertGreaterThan(result.saved.count, 0, "background writer \(index + 1) saved nothing")
      saved += result.saved
    }
    print(
      "CrashSafetyTests: \(Self.kills) kills (\(killedInsidePause) seen inside the pause), \(Self.lateKills) late kills "
        + "(\(lateKillsThatSaved) after saving), \(saved.count) saved appends, "
        + String(format: "%.1f s", elapsed(since: started) / 1000))
    XCTAssertGreaterThanOrEqual(killedInsidePause, Self.kills / 4, "too few kills landed inside the mid-write pause")

    // Every record any writer reported saved (killed writers included) is in the journal, at its seq.
    let lines = try JournalFile.lines(try sandbox.journalBytes())
    XCTAssertNil(JournalFile.firstSeqGap(lines), "seqs are not contiguous")
    var seqByID: [String: Int] = [:]
    for line in lines { if let id = line.id { seqByID[id] = line.seq } }
    XCTAssertEqual(seqByID.count, lines.count, "an id occurs twice")
    XCTAssertEqual(Set(saved.map(\.id)).count, saved.count, "an id was reported saved twice")
    var lost: [SavedLine] = []
    for line in saved where seqByID[line.id] != line.seq { lost.append(line) }
    XCTAssertTrue(lost.isEmpty, "reported saved but not in the journal (or at another seq): \(lost.prefix(5))")

    let verify = try sandbox.run(["verify"])
    XCTAssertEqual(verify.status, 0, verify.summary)
    XCTAssertTrue(verify.stdout.contains("sound"), verify.summary)

    // Torn fragments were moved aside, not dropped.
    let quarantine = try XCTUnwrap(
      sandbox.bytes(of: sandbox.quarantinePath), "no quarantine file at \(sandbox.quarantinePath)")
    let entries = try JournalFile.lines(quarantine)
    print("CrashSafetyTests: \(entries.count) torn fragments in the quarantine file")
    XCTAssertGreaterThanOrEqual(entries.count, 1, "the quarantine file has no entry")
    XCTAssertLessThanOrEqual(entries.count, Self.kills + Self.lateKills, "more quarantined fragments than kills")
    for entry in entries {
      XCTAssertNotNil(entry.object["offset"] as? NSNumber, "entry without offset: \(entry.object)")
      XCTAssertNotNil(entry.object["reason"] as? String, "entry without reason: \(entry.object)")
      let encoded = try XCTUnwrap(
        entry.object["bytes_base64"] as? String, "entry without bytes_base64: \(entry.object)")
      let fragment = try XCTUnwrap(Data(base64Encoded: encoded), "bytes_base64 is not base64: \(encoded)")
      let text = String(decoding: fragment, as: UTF8.self)
      XCTAssertTrue(text.hasPrefix("{\"v\":"), "the fragment is not the start of a record: \(text)")
      XCTAssertFalse(text.contains("\n"), "the fragment holds more than a torn line: \(text)")
      XCTAssertTrue(text.contains("\"by\":\"crasher\""), "a fragment not written by a killed writer: \(text)")
    }
  }

  /// Polls the end of the journal until it holds an unfinished line written by `user`; false when
  /// the writer ended first or `timeout` seconds passed.
  private func waitForTornTail(of path: String, by user: String, while writer: RunningProcess, timeout: Double) -> Bool
  {
    let deadline = DispatchTime.now().uptimeNanoseconds + UInt64(timeout * 1e9)
    let marker = Array("\"by\":\"\(user)\"".utf8)
    let descriptor = open(path, O_RDONLY | O_CLOEXEC)
    guard descriptor >= 0 else { return false }
    defer { close(descriptor) }
    var buffer = [UInt8](repeating: 0, count: 4096)
    while DispatchTime.now().uptimeNanoseconds < deadline {
      var info = stat()
      if fstat(descriptor, &info) == 0, info.st_size > 0 {
        let count = min(Int(info.st_size), buffer.count)
        let got = buffer.withUnsafeMutableBytes {
          pread(descriptor, $0.baseAddress, count, off_t(info.st_size) - off_t(count))
        }
        if got == count, buffer[count - 1] != 0x0A {
          let tail = buffer[..<count]
          let lineStart = (tail.lastIndex(of: 0x0A) ?? -1) + 1
          let unfinished = Array(tail[lineStart...])
          if contains(unfinished, marker) { return true }
        }
      }
      if !writer.isRunning { return false }
      usleep(1000)
    }
    return false
  }

  private func contains(_ haystack: [UInt8], _ needle: [UInt8]) -> Bool {
    guard haystack.count >= needle.count else { return false }
    for start in 0...(haystack.count - needle.count)
    where haystack[start..<(start + needle.count)].elementsEqual(needle) {
      return true
    }
    return false
  }
}
