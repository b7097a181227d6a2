import Glibc

/// Walks journal bytes line by line: accepts complete, well-formed, correctly chained records (whole
/// batches only) and reports everything else as a `LineProblem`, never skipping silently.
public struct JournalScanner {
  public struct Outcome: Sendable, Equatable {
    /// Where a later scan should resume: past every complete line, before an unfinished tail.
    public var position: JournalPosition
    public var accepted: Int
    public var problems: [LineProblem]
    /// Where an unfinished tail starts (a line without newline, or a batch without its last record),
    /// which may be a write in progress: readers wait, writers quarantine it under the lock.
    public var pendingTail: LineProblem?
  }

  private var position: JournalPosition
  private var problems: [LineProblem] = []
  private var accepted = 0
  private var pendingBatch: [Record] = []
  private var batchStart: JournalPosition?
  private var batchFirstProblem: LineProblem?
  /// Whether the last line could not be read at all (so the chain skips it).
  private var previousWasMalformed = false

  private init(position: JournalPosition) { self.position = position }

  /// Scans `bytes`, whose first byte sits at `position.offset` in the file.
  ///
  /// `releasingMappedPages`: `bytes` is a read-only mapping of the file, whose pages are handed back
  /// to the kernel once read (so a replay's peak memory does not count the whole file); never for a
  /// buffer of the process's own, whose pages that would zero.
  public static func scan(
    _ bytes: UnsafeRawBufferPointer, from position: JournalPosition, path: String,
    releasingMappedPages: Bool = false, _ body: (Record) throws -> Void
  ) throws -> Outcome {
    if position.offset == 0, !bytes.isEmpty, indexOfNewline(in: bytes, from: 0) == nil {
      // A journal is created whole, so its first line is never legitimately unfinished.
      throw JournalError.notAJournal(path: path, detail: "the first line is incomplete")
    }
    if bytes.count >= ParallelDecoder.minimumBytes {
      return try ParallelDecoder.scan(
        bytes, from: position, path: path, releasingPages: releasingMappedPages, body)
    }
    var scanner = JournalScanner(position: position)
    var lineStart = 0
    while lineStart < bytes.count {
      guard let newline = Self.indexOfNewline(in: bytes, from: lineStart) else { break }
      let line = UnsafeRawBufferPointer(rebasing: bytes[lineStart..<newline])
      let offset = position.offset + UInt64(lineStart)
      try scanner.take(line, at: offset, nextOffset: position.offset + UInt64(newline + 1), path: path, body)
      lineStart = newline + 1
    }
    return scanner.finish(tailBytes: bytes.count - lineStart, fileEnd: position.offset + UInt64(bytes.count))
  }

  init(startingAt position: JournalPosition) { self.position = position }

  /// Takes one line whose hash another thread already checked against the line before it
  /// (`hashHolds`), and whose envelope it may have read (`envelope`); the check is redone here only
  /// when the chain does not run through the line before (after a malformed line).
  mutating func take(
    _ line: UnsafeRawBufferPointer, at offset: UInt64, nextOffset: UInt64, hashHolds: Bool,
    envelope: EnvelopeScan?, path: String, _ body: (Record) throws -> Void
  ) throws {
    try take(
      line, at: offset, nextOffset: nextOffset, path: path, precheck: (hashHolds, envelope), body)
  }

  mutating func finishing(tailBytes: Int, fileEnd: UInt64) -> Outcome { finish(tailBytes: tailBytes, fileEnd: fileEnd) }

  static func indexOfNewline(in bytes: UnsafeRawBufferPointer, from start: Int) -> Int? {
    guard start < bytes.count, let base = bytes.baseAddress else { return nil }
    guard let found = memchr(base + start, 0x0A, bytes.count - start) else { return nil }
    return base.distance(to: UnsafeRawPointer(found))
  }

  private mutating func take(
    _ line: UnsafeRawBufferPointer, at offset: UInt64, nextOffset: UInt64, path: String,
    precheck: (hashHolds: Bool, envelope: EnvelopeScan?)? = nil, _ body: (Record) throws -> Void
  ) throws {
    let expected = position.lastSeq + 1
    let before = position
    let record: Record
    do throws(RecordDecoder.Failure) {
      if let precheck, !previousWasMalformed {
        let decoded: Record
        if let read = precheck.envelope?.record(in: line, offset: offset) {
          decoded = read
        } else {
          decoded = try RecordDecoder.decode(line, offset: offset, chain: nil)
        }
        guard precheck.hashHolds else { throw RecordDecoder.Failure.checksumMismatch(seq: decoded.seq) }
        record = decoded
      } else {
        record = try RecordDecoder.decode(line, offset: offset, chain: position.chain)
      }
    } catch .newerSchema(let found) {
      throw JournalError.newerSchema(path: path, found: found, supported: Record.currentSchema, offset: offset)
    } catch .checksumMismatch(let seq) {
      // A removed, moved or duplicated record also breaks the chain; its number says which it was.
      let kind: LineProblem.Kind = seq == expected ? .checksumMismatch : .sequence(expected: expected, found: seq)
      reject(LineProblem(seq: expected, offset: offset, length: line.count, kind: kind))
      // Chain on the stated hash, so one altered record does not condemn every record after it.
      position.chain =
        HashHex(statedBy: line) ?? position.chain
      position.lastSeq = max(position.lastSeq, seq)
      position.offset = nextOffset
      previousWasMalformed = false
      return
    } catch .malformed(let detail) {
      if expected == 1 { throw JournalError.notAJournal(path: path, detail: "line 1: \(detail)") }
      reject(LineProblem(seq: expected, offset: offset, length: line.count, kind: .malformed(detail)))
      position.offset = nextOffset
      previousWasMalformed = true
      return
    }
    previousWasMalformed = false
    position.chain = record.chainHash
    position.offset = nextOffset
    if record.seq != expected {
      reject(
        LineProblem(
          seq: expected, offset: offset, length: line.count, kind: .sequence(expected: expected, found: record.seq)))
      position.lastSeq = max(position.lastSeq, record.seq)
      return
    }
    position.lastSeq = record.seq
    if record.seq == 1, record.type != Record.genesisType {
      throw JournalError.notAJournal(path: path, detail: "line 1 is a \(record.type) record, not \(Record.genesisType)")
    }
    try admit(record, line: line, resumeBefore: before, body)
  }

  /// Holds batch members back until the batch is complete, then hands them all over.
  private mutating func admit(
    _ record: Record, line: UnsafeRawBufferPointer, resumeBefore before: JournalPosition,
    _ body: (Record) throws -> Void
  ) throws {
    if let batch = record.batch, batch.index > 1 {
      guard pendingBatch.count == batch.index - 1, pendingBatch.first?.batch?.size == batch.size else {
        abandonBatch()
        reject(LineProblem(seq: record.seq, offset: record.offset, length: line.count, kind: .incompleteBatch))
        return
      }
    } else if !pendingBatch.isEmpty {
      abandonBatch()
    }
    if record.closesBatch {
      for member in pendingBatch { try body(member) }
      accepted += pendingBatch.count + 1
      pendingBatch.removeAll()
      batchStart = nil
      try body(record)
    } else {
      if pendingBatch.isEmpty {
        batchStart = before
        batchFirstProblem = LineProblem(
          seq: record.seq, offset: record.offset, length: line.count, kind: .incompleteBatch)
      }
      pendingBatch.append(record)
    }
  }

  private mutating func abandonBatch() {
    if let batchFirstProblem { problems.append(batchFirstProblem) }
    pendingBatch.removeAll()
    batchStart = nil
    batchFirstProblem = nil
  }

  private mutating func reject(_ problem: LineProblem) {
    if !pendingBatch.isEmpty { abandonBatch() }
    problems.append(problem)
  }

  private mutating func finish(tailBytes: Int, fileEnd: UInt64) -> Outcome {
    var pending: LineProblem?
    var resume = position
    if let batchStart, let batchFirstProblem {
      // Resume before the unfinished batch so that its last record, once written, completes it.
      resume = batchStart
      pending = batchFirstProblem
    } else if tailBytes > 0 {
      pending = LineProblem(seq: position.lastSeq + 1, offset: position.offset, length: tailBytes, kind: .torn)
    }
    return Outcome(position: resume, accepted: accepted, problems: problems, pendingTail: pending)
  }
}
