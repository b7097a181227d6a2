import Dispatch
import Glibc

/// Replays large journals on two cores: a background thread checks the hash chain of the next chunk
/// of lines (SHA-256 over the bytes) and reads each line's envelope (`EnvelopeScan`: where the line
/// ends, numbers, the time, where the strings and the data sit, where the data's strings end) while the
/// caller's thread builds the records of the current chunk from those and folds them. A line's check
/// needs only the previous line's stated hash, which the bytes give.
///
/// Only plain values cross: parsing allocates, and objects allocated on one thread and freed on another
/// made glibc's allocator contend so much that a parallel parse was slower than a serial one (and when
/// each thread freed its own, the objects' cache lines moving between cores cost as much as parsing).
enum ParallelDecoder {
  static let minimumBytes = 4 << 20
  static let chunkBytes = 2 << 20
  static let chunksAhead = 4

  private struct Chunk: Sendable {
    var start: Int
    var end: Int  // one past the chunk's last newline
  }

  private struct SharedBytes: @unchecked Sendable {
    let bytes: UnsafeRawBufferPointer
  }

  /// Results handed from the checking thread to the scanning thread; each slot is written once before
  /// its semaphore is signalled and read once after waiting on it.
  private final class Slots: @unchecked Sendable {
    private var results: UnsafeMutablePointer<ChunkCheck?>
    let count: Int
    let ready: [DispatchSemaphore]
    let room = DispatchSemaphore(value: ParallelDecoder.chunksAhead)
    var cancelled = false

    init(count: Int) {
      self.count = count
      results = UnsafeMutablePointer.allocate(capacity: count)
      results.initialize(repeating: nil, count: count)
      ready = (0..<count).map { _ in DispatchSemaphore(value: 0) }
    }

    deinit {
      results.deinitialize(count: count)
      results.deallocate()
    }

    func put(_ value: ChunkCheck, at index: Int) { results[index] = value }

    func take(_ index: Int) -> ChunkCheck {
      defer { results[index] = nil }
      return results[index] ?? ChunkCheck()
    }
  }

  /// Scans `bytes[start...]` (the journal's bytes from `base` on) through `scanner`; returns the index
  /// just past the last complete line.
  static func scan(
    _ bytes: UnsafeRawBufferPointer, at base: UInt64, from start: Int, scanner: inout JournalScanner,
    releasingPages: Bool, _ body: (Record) throws -> Void
  ) throws -> Int {
    try pipeline(bytes, from: start, to: bytes.count, chain: scanner.chain, releasingPages: releasingPages) {
      line, lineStart, newline, check, notes in
      try scanner.take(
        line, at: base + UInt64(lineStart), nextOffset: base + UInt64(newline + 1), hashHolds: check.holds,
        envelope: check.envelope, notes: notes, body)
    }
  }

  /// Reads the lines of `bytes[start..<end]` (whose hashes were checked before) again on two cores:
  /// the other thread reads their envelopes, and `line` receives each line, where it starts, and its
  /// record when its envelope gave one (nil: decode it whole).
  static func readAgain(
    _ bytes: UnsafeRawBufferPointer, at base: UInt64, from start: Int, to end: Int, releasingPages: Bool,
    _ line: (UnsafeRawBufferPointer, Int, Record?) throws -> Void
  ) throws {
    var reading = RecordReading()
    _ = try pipeline(bytes, from: start, to: end, chain: nil, releasingPages: releasingPages) {
      text, lineStart, _, check, notes in
      try line(
        text, lineStart,
        check.envelope?.record(in: text, offset: base + UInt64(lineStart), notes: notes, reading: &reading))
    }
  }

  /// The two threads: the other one checks each chunk of `bytes[start..<end]` (the hashes, from `chain`,
  /// unless it is nil; the envelopes), `take` receives each line on this one with what was found
  /// (the line, where it starts, where its newline is). Returns the index just past the last complete line.
  private static func pipeline(
    _ bytes: UnsafeRawBufferPointer, from start: Int, to end: Int, chain: HashHex?, releasingPages: Bool,
    _ take: (UnsafeRawBufferPointer, Int, Int, LineCheck, EnvelopeScan.Buffers) throws -> Void
  ) throws -> Int {
    let chunks = split(bytes, from: start, to: end, releasingPages: releasingPages)
    let slots = Slots(count: chunks.count)
    let shared = SharedBytes(bytes: bytes)
    let hashing = chain != nil
    let finished = DispatchSemaphore(value: 0)
    DispatchQueue.global(qos: .userInitiated).async {
      for (index, chunk) in chunks.enumerated() {
        slots.room.wait()
        if slots.cancelled { break }
        slots.put(
          check(shared.bytes, chunk, hashing: hashing, chain: index == 0 ? chain : nil), at: index)
        slots.ready[index].signal()
      }
      finished.signal()
    }
    defer {
      slots.cancelled = true
      for _ in 0..<chunksAhead { slots.room.signal() }
      finished.wait()
    }
    for (index, chunk) in chunks.enumerated() {
      slots.ready[index].wait()
      let checks = slots.take(index)
      slots.room.signal()
      var lineStart = chunk.start
      try checks.notes.withBuffers { notes in
        for check in checks.lines {
          let newline = check.newline
          try take(UnsafeRawBufferPointer(rebasing: bytes[lineStart..<newline]), lineStart, newline, check, notes)
          lineStart = newline + 1
        }
      }
      // Drops the pages read from this process's resident set (the kernel keeps them in its page
      // cache): without this, a replay's peak memory counted the whole file on top of the book.
      if releasingPages { MappedPages.release(bytes, upTo: chunk.end) }
    }
    return chunks.last?.end ?? start
  }

  /// Chunks of about `chunkBytes` that end just after a newline; a trailing partial line is left out.
  ///
  /// Finding a chunk's end touches a page, and the kernel maps the pages around a touched one: for a
  /// large file, tens of megabytes resident before any chunk's turn came, so `releasingPages` lets
  /// them go at once.
  private static func split(_ bytes: UnsafeRawBufferPointer, from first: Int, to last: Int, releasingPages: Bool)
    -> [Chunk]
  {
    var chunks: [Chunk] = []
    var start = first
    while start < last {
      let target = min(last, start + chunkBytes) - 1
      var end = target
      while end >= start, bytes[end] != 0x0A { end -= 1 }
      if end < start {
        // A line longer than a chunk: extend to its newline, if any.
        guard let newline = JournalScanner.indexOfNewline(in: bytes, from: target), newline < last else { break }
        end = newline
      }
      chunks.append(Chunk(start: start, end: end + 1))
      if releasingPages { MappedPages.release(bytes, from: start, upTo: min(bytes.count, end + 1 + (1 << 20))) }
      start = end + 1
    }
    return chunks
  }

  /// What the checking thread found of one chunk: each line, and what it noted of their data.
  private struct ChunkCheck {
    var lines: [LineCheck] = []
    var notes = EnvelopeScan.Notes()
  }

  /// What the checking thread found of one line.
  private struct LineCheck {
    /// Where its newline is: found once, here, not again by the thread that folds.
    var newline: Int
    /// Whether its stated hash equals SHA-256(previous line's stated hash ‖ body).
    var holds: Bool
    var envelope: EnvelopeScan?
  }

  /// For each line of the chunk: where it ends, does its hash hold (when `hashing`), and its envelope.
  private static func check(_ bytes: UnsafeRawBufferPointer, _ chunk: Chunk, hashing: Bool, chain: HashHex?)
    -> ChunkCheck
  {
    var results: [LineCheck] = []
    results.reserveCapacity((chunk.end - chunk.start) / 200)
    var notes = EnvelopeScan.Notes(reservingFor: chunk.end - chunk.start)
    var previous = hashing ? chain ?? statedHash(endingBefore: chunk.start, in: bytes) : nil
    var lineStart = chunk.start
    let suffix = RecordEncoder.suffixLength
    while lineStart < chunk.end, let newline = JournalScanner.indexOfNewline(in: bytes, from: lineStart),
      newline < chunk.end
    {
      let line = UnsafeRawBufferPointer(rebasing: bytes[lineStart..<newline])
      let stated = line.count > suffix ? HashHex(statedBy: line) : nil
      if !hashing {
        results.append(
          LineCheck(
            newline: newline, holds: false, envelope: stated == nil ? nil : EnvelopeScan.scan(line, notes: &notes)))
      } else if let stated, let prior = previous {
        let body = UnsafeRawBufferPointer(rebasing: line[0..<(line.count - suffix)])
        results.append(
          LineCheck(
            newline: newline, holds: ChainHash.hash(previous: prior, body: body) == stated,
            envelope: EnvelopeScan.scan(line, notes: &notes)))
      } else {
        results.append(LineCheck(newline: newline, holds: false, envelope: nil))
      }
      previous = stated
      lineStart = newline + 1
    }
    return ChunkCheck(lines: results, notes: notes)
  }

  /// The hash stated by the line ending just before `index` (which follows its newline).
  private static func statedHash(endingBefore index: Int, in bytes: UnsafeRawBufferPointer) -> HashHex? {
    index >= 1 ? HashHex(statedBy: UnsafeRawBufferPointer(rebasing: bytes[..<(index - 1)])) : nil
  }
}
