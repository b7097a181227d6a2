import Glibc

/// Walks journal bytes line by line: accepts complete, well-formed, correctly chained records (whole
/// batches only) and reports everything else as a `LineProblem`, never skipping silently.
///
/// A batch's members are checked as they come but not kept: while the batch is pending the scanner
/// holds only where it starts (`PendingBatch`), so memory does not grow with the batch. When its last
/// line proves it complete, the members are decoded again from the bytes (or, for lines no longer at
/// hand, read again through a `BatchReader`) and handed over in order.
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

  /// Reads again the lines (without their newlines) of records `seqs`, in order, for a batch whose
  /// members are no longer in the bytes being scanned (a database's pieces, released once scanned).
  public typealias BatchReader = (
    _ seqs: ClosedRange<Int>, _ line: (UnsafeRawBufferPointer) throws -> Void
  ) throws -> Void

  /// How pending batches were held, for tests: proof that a batch is held as a position.
  package struct Holding: Sendable, Equatable {
    /// The most members a pending batch had at once.
    package var peakPendingMembers = 0
    /// Members decoded a second time when their batch completed.
    package var membersReadAgain = 0
    /// Of those, the members read through the `BatchReader`.
    package var membersReadThroughReader = 0
    /// Members held on their first reading without their record built (see `hold(_:hash:...)`).
    package var membersHeldUnbuilt = 0
  }

  /// The bytes being scanned, whose first byte sits at `base` in the journal.
  private struct Window {
    var bytes: UnsafeRawBufferPointer
    var base: UInt64
    var releasingPages: Bool
  }

  private let path: String
  private var position: JournalPosition
  private var problems: [LineProblem] = []
  private var accepted = 0
  private var batch: PendingBatch?
  /// Whether the last line could not be read at all (so the chain skips it).
  private var previousWasMalformed = false
  private var window: Window?
  /// The envelope strings met so far and a finished record's data storage (see `RecordReading`).
  private var reading = RecordReading()
  private let reader: BatchReader?
  /// Whether completed batches' members are handed over (false: only counted, for a caller that wants
  /// to know that the lines are sound, not what they hold).
  private let delivering: Bool
  package private(set) var holding = Holding()

  init(startingAt position: JournalPosition, path: String, reader: BatchReader? = nil, delivering: Bool = true) {
    self.position = position
    self.path = path
    self.reader = reader
    self.delivering = delivering
  }

  /// Scans `bytes`, whose first byte sits at `position.offset` in the file.
  ///
  /// `releasingMappedPages`: `bytes` is a read-only mapping of the file, whose pages are handed back
  /// to the kernel once read (so a replay's peak memory does not count the whole file); never for a
  /// buffer of the process's own, whose pages that would zero.
  public static func scan(
    _ bytes: UnsafeRawBufferPointer, from position: JournalPosition, path: String,
    releasingMappedPages: Bool = false, _ body: (Record) throws -> Void
  ) throws -> Outcome {
    try scanHolding(bytes, from: position, path: path, releasingMappedPages: releasingMappedPages, body).outcome
  }

  /// `scan`, telling also how pending batches were held.
  package static func scanHolding(
    _ bytes: UnsafeRawBufferPointer, from position: JournalPosition, path: String,
    releasingMappedPages: Bool = false, _ body: (Record) throws -> Void
  ) throws -> (outcome: Outcome, holding: Holding) {
    var scanner = JournalScanner(startingAt: position, path: path)
    let end = try scanner.scanLines(bytes, at: position.offset, releasingPages: releasingMappedPages, body)
    return (scanner.finish(tailBytes: bytes.count - end), scanner.holding)
  }

  /// The stated hash of the last line read.
  var chain: HashHex { position.chain }

  /// Where the lines read so far end.
  var scanned: UInt64 { position.offset }

  /// The end of the lines read so far (inside a pending batch, perhaps).
  var positionRead: JournalPosition { position }

  /// The problems found so far, in the order found.
  var problemsFound: [LineProblem] { problems }

  /// Records handed over so far.
  var acceptedCount: Int { accepted }

  /// Where the pending batch starts, if one is pending.
  var pendingBatchStart: UInt64? { batch?.start.offset }

  /// Scans the complete lines of `bytes` (whose first byte sits at `base`) from this scanner's
  /// position on; returns the index just past the last complete line. The bytes before the position
  /// are there only to be read again (a pending batch's members).
  mutating func scanLines(
    _ bytes: UnsafeRawBufferPointer, at base: UInt64, releasingPages: Bool, _ body: (Record) throws -> Void
  ) throws -> Int {
    let start = Int(position.offset - base)
    if position.offset == 0, start < bytes.count, Self.indexOfNewline(in: bytes, from: start) == nil {
      // A journal is created whole, so its first line is never legitimately unfinished.
      throw JournalError.notAJournal(path: path, detail: "the first line is incomplete")
    }
    window = Window(bytes: bytes, base: base, releasingPages: releasingPages)
    defer { window = nil }
    if bytes.count - start >= ParallelDecoder.minimumBytes {
      return try ParallelDecoder.scan(
        bytes, at: base, from: start, scanner: &self, releasingPages: releasingPages, body)
    }
    var lineStart = start
    while lineStart < bytes.count {
      guard let newline = Self.indexOfNewline(in: bytes, from: lineStart) else { break }
      let line = UnsafeRawBufferPointer(rebasing: bytes[lineStart..<newline])
      try take(
        line, at: base + UInt64(lineStart), nextOffset: base + UInt64(newline + 1), precheck: nil, body)
      lineStart = newline + 1
    }
    return lineStart
  }

  /// Takes one line whose hash another thread already checked against the line before it
  /// (`hashHolds`), and whose envelope it may have read (`envelope`, with the chunk's `notes`); the
  /// check is redone here only when the chain does not run through the line before (after a malformed
  /// line).
  mutating func take(
    _ line: UnsafeRawBufferPointer, at offset: UInt64, nextOffset: UInt64, hashHolds: Bool,
    envelope: EnvelopeScan?, notes: EnvelopeScan.Buffers, _ body: (Record) throws -> Void
  ) throws {
    try take(line, at: offset, nextOffset: nextOffset, precheck: (hashHolds, envelope, notes), body)
  }

  static func indexOfNewline(in bytes: UnsafeRawBufferPointer, from start: Int) -> Int? {
    guard start < bytes.count, let base = bytes.baseAddress else { return nil }
    guard let found = memchr(base + start, 0x0A, bytes.count - start) else { return nil }
    return base.distance(to: UnsafeRawPointer(found))
  }

  private mutating func take(
    _ line: UnsafeRawBufferPointer, at offset: UInt64, nextOffset: UInt64,
    precheck: (hashHolds: Bool, envelope: EnvelopeScan?, notes: EnvelopeScan.Buffers)?,
    _ body: (Record) throws -> Void
  ) throws {
    let expected = position.lastSeq + 1
    let before = position
    if let precheck, !previousWasMalformed, precheck.hashHolds, let envelope = precheck.envelope,
      envelope.isHeldMember, let hash = HashHex(statedBy: line)
    {
      hold(envelope, hash: hash, line: line, at: offset, nextOffset: nextOffset, expected: expected, before: before)
      return
    }
    let record: Record
    do throws(RecordDecoder.Failure) {
      if let precheck, !previousWasMalformed {
        let decoded: Record
        if let read = precheck.envelope?.record(in: line, offset: offset, notes: precheck.notes, reading: &reading) {
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
    guard advance(past: line, at: offset, to: nextOffset, seq: record.seq, hash: record.chainHash, expected: expected)
    else { return }
    if record.seq == 1, record.type != Record.genesisType {
      throw JournalError.notAJournal(path: path, detail: "line 1 is a \(record.type) record, not \(Record.genesisType)")
    }
    try admit(record, line: line, resumeBefore: before, body)
    reading.recycle(consume record)
  }

  /// Moves past a line read as record `seq`, stating `hash`; false when `seq` is not the number expected
  /// (kept as a problem: the chain goes on from the line all the same).
  private mutating func advance(
    past line: UnsafeRawBufferPointer, at offset: UInt64, to nextOffset: UInt64, seq: Int, hash: HashHex,
    expected: Int
  ) -> Bool {
    previousWasMalformed = false
    position.chain = hash
    position.offset = nextOffset
    guard seq == expected else {
      reject(
        LineProblem(seq: expected, offset: offset, length: line.count, kind: .sequence(expected: expected, found: seq)))
      position.lastSeq = max(position.lastSeq, seq)
      return false
    }
    position.lastSeq = seq
    return true
  }

  /// Takes a batch member before the batch's last line, checked on the other thread and sure to read as
  /// a record (`EnvelopeScan.isHeldMember`), without building the record: it is only held, as a
  /// position, and built when the batch completes. A batch of a million members was otherwise built
  /// twice on the folding thread.
  private mutating func hold(
    _ envelope: EnvelopeScan, hash: HashHex, line: UnsafeRawBufferPointer, at offset: UInt64, nextOffset: UInt64,
    expected: Int, before: JournalPosition
  ) {
    guard advance(past: line, at: offset, to: nextOffset, seq: envelope.seq, hash: hash, expected: expected) else {
      return
    }
    holding.membersHeldUnbuilt += 1
    let member = (index: Int(envelope.batchIndex), size: Int(envelope.batchSize))
    guard place(member, seq: envelope.seq, at: offset, length: line.count) else { return }
    hold(member, hash: hash, seq: envelope.seq, at: offset, length: line.count, before: before)
  }

  /// Holds batch members back (as a position) until the batch is complete, then hands them all over.
  private mutating func admit(
    _ record: Record, line: UnsafeRawBufferPointer, resumeBefore before: JournalPosition,
    _ body: (Record) throws -> Void
  ) throws {
    guard place(record.batch, seq: record.seq, at: record.offset, length: line.count) else { return }
    if record.closesBatch {
      var members = 0
      if let batch {
        members = batch.count
        self.batch = nil
        if delivering { try handOver(batch, endingAt: record.offset, body) }
      }
      accepted += members + 1
      try body(record)
    } else if let member = record.batch {
      hold(member, hash: record.chainHash, seq: record.seq, at: record.offset, length: line.count, before: before)
    }
  }

  /// Whether a record that is `member` of a batch (nil: of none) may come now: the next member of the
  /// open batch, or the first of a new one, or outside any. A record that does not fit is kept as a
  /// problem with the batch it breaks (false); one outside any batch abandons an open one.
  private mutating func place(_ member: (index: Int, size: Int)?, seq: Int, at offset: UInt64, length: Int) -> Bool {
    if let member, member.index > 1 {
      guard let batch, batch.count == member.index - 1, batch.size == member.size else {
        abandonBatch()
        reject(LineProblem(seq: seq, offset: offset, length: length, kind: .incompleteBatch))
        return false
      }
    } else if batch != nil {
      abandonBatch()
    }
    return true
  }

  /// Holds a member before the batch's last: counted, its stated hash in the batch's fingerprint.
  private mutating func hold(
    _ member: (index: Int, size: Int), hash: HashHex, seq: Int, at offset: UInt64, length: Int,
    before: JournalPosition
  ) {
    if batch == nil {
      batch = PendingBatch(
        start: before, size: member.size,
        firstProblem: LineProblem(seq: seq, offset: offset, length: length, kind: .incompleteBatch))
    }
    batch?.add(hash)
    holding.peakPendingMembers = max(holding.peakPendingMembers, batch?.count ?? 0)
  }

  /// Decodes the members of a batch just completed (its last line starts at `end`) again, from the
  /// bytes when they are at hand, else through the reader, and hands them over in order.
  ///
  /// Their hashes were checked on the first reading; what is read now must be those very lines (the
  /// same numbers, places in the batch and stated hashes), or the journal changed under the reader.
  private mutating func handOver(_ batch: PendingBatch, endingAt end: UInt64, _ body: (Record) throws -> Void)
    throws
  {
    var again = PendingBatch(start: batch.start, size: batch.size, firstProblem: batch.firstProblem)
    func hand(_ line: UnsafeRawBufferPointer, at offset: UInt64, read: Record? = nil) throws {
      let record = try decodeAgain(line, at: offset, as: again, read: read)
      again.add(record.chainHash)
      try body(record)
    }
    if let window, batch.start.offset >= window.base, end - batch.start.offset >= ParallelDecoder.minimumBytes {
      // A large batch: its envelopes are read on the other core, as on the first reading.
      try ParallelDecoder.readAgain(
        window.bytes, at: window.base, from: Int(batch.start.offset - window.base), to: Int(end - window.base),
        releasingPages: window.releasingPages
      ) { line, lineStart, read in try hand(line, at: window.base + UInt64(lineStart), read: read) }
    } else if let window, batch.start.offset >= window.base {
      var lineStart = Int(batch.start.offset - window.base)
      var pages = MappedPages(bytes: window.bytes, releasing: window.releasingPages, from: lineStart)
      let stop = Int(end - window.base)
      while lineStart < stop, let newline = Self.indexOfNewline(in: window.bytes, from: lineStart) {
        try hand(
          UnsafeRawBufferPointer(rebasing: window.bytes[lineStart..<newline]), at: window.base + UInt64(lineStart))
        lineStart = newline + 1
        pages.read(upTo: lineStart)
      }
    } else if let reader {
      var offset = batch.start.offset
      try reader((batch.start.lastSeq + 1)...(batch.start.lastSeq + batch.count)) { line in
        guard offset < end else { throw changed("more lines than the batch had") }
        try hand(line, at: offset)
        offset += UInt64(line.count) + 1
      }
      guard offset == end else { throw changed("its lines do not end where the batch's last line starts") }
      holding.membersReadThroughReader += again.count
    } else {
      throw changed("its lines are no longer at hand")
    }
    guard again.count == batch.count, again.fingerprint == batch.fingerprint else {
      throw changed("the batch's lines differ from those first read")
    }
    holding.membersReadAgain += again.count
  }

  /// A member read again (`read`: its record, when the other thread's scan gave it): it must be the next
  /// one of the batch.
  private func decodeAgain(_ line: UnsafeRawBufferPointer, at offset: UInt64, as batch: PendingBatch, read: Record?)
    throws -> Record
  {
    let record: Record
    if let read = read ?? EnvelopeScan.record(of: line, offset: offset) {
      record = read
    } else {
      do throws(RecordDecoder.Failure) {
        record = try RecordDecoder.decode(line, offset: offset, chain: nil)
      } catch {
        throw changed("a member no longer reads as a record")
      }
    }
    let index = batch.count + 1
    guard record.seq == batch.start.lastSeq + index, record.batch?.index == index,
      record.batch?.size == batch.size
    else { throw changed("a member is not the record first read there") }
    return record
  }

  private func changed(_ detail: String) -> JournalError {
    .system(path: path, operation: "reading a batch again (\(detail): the journal changed while read)", code: EIO)
  }

  private mutating func abandonBatch() {
    if let batch { problems.append(batch.firstProblem) }
    batch = nil
  }

  private mutating func reject(_ problem: LineProblem) {
    if batch != nil { abandonBatch() }
    problems.append(problem)
  }

  mutating func finish(tailBytes: Int) -> Outcome {
    var pending: LineProblem?
    var resume = position
    if let batch {
      // Resume before the unfinished batch so that its last record, once written, completes it.
      resume = batch.start
      pending = batch.firstProblem
    } else if tailBytes > 0 {
      pending = LineProblem(seq: position.lastSeq + 1, offset: position.offset, length: tailBytes, kind: .torn)
    }
    return Outcome(position: resume, accepted: accepted, problems: problems, pendingTail: pending)
  }
}
