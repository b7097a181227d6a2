import Glibc

extension Journal {
  /// What `append(batch:)` wrote. The records are not all returned (a batch may hold a million): only
  /// the first and the last, and how many.
  public struct BatchOutcome: Sendable {
    public var count: Int
    public var first: Record?
    public var last: Record?
    /// Unfinished tails that this append moved to the quarantine file before writing.
    public var quarantined: [LineProblem]
    /// The end of the journal after this append.
    public var end: JournalPosition
  }

  /// How many bytes of a large batch are encoded before they are written: large enough that the write
  /// costs what one write costs, small enough that the batch is never held whole.
  static let batchChunkBytes = 8 << 20

  /// Appends the drafts that `makeDrafts` returns as one batch, all or nothing, under the exclusive
  /// lock, as `append` does, but without holding the batch's lines or records: each line is encoded
  /// from the compact `DraftList` as it is written, in chunks.
  ///
  /// A batch written in several `write` calls is as safe as one written in one: a write that fails
  /// (a full disk) truncates the journal back to where the batch began and flushes that; a process
  /// that dies midway leaves a batch without its last record, which every reader takes as an
  /// unfinished tail and the next writer moves to the quarantine file, as it does a torn line.
  public func append(
    batchBy user: String, login: String? = Journal.processLogin, at time: Timestamp = .now(),
    onRepair: (LineProblem) -> Void = { _ in }, _ makeDrafts: (JournalPosition) throws -> DraftList
  ) throws -> BatchOutcome {
    if let store {
      let outcome = try store.append(by: user, login: login, at: time) { tail in try makeDrafts(tail).drafts }
      return BatchOutcome(
        count: outcome.records.count, first: outcome.records.first, last: outcome.records.last,
        quarantined: outcome.quarantined, end: outcome.end)
    }
    let file = try openLockedForAppending()
    defer { file.close() }
    var quarantined: [LineProblem] = []
    let tail = try repairedTail(of: file, quarantined: &quarantined)
    quarantined.forEach(onRepair)
    let drafts = try makeDrafts(tail)
    guard !drafts.isEmpty else {
      return BatchOutcome(count: 0, first: nil, last: nil, quarantined: quarantined, end: tail)
    }
    let encoder = BatchLineEncoder(
      time: time, user: user, login: login, count: drafts.count, firstSeq: tail.lastSeq + 1)
    // Every line's size is known before the first byte is written, so a line too large refuses the
    // batch rather than stopping it halfway.
    for index in 0..<drafts.count {
      let length = encoder.length(of: index, in: drafts)
      if length > Self.maximumRecordBytes { throw JournalError.recordTooLarge(bytes: length) }
    }
    var writer = BatchFileWriter(file: file, journal: self, start: tail.offset)
    var previous = tail.chain
    var first: Record?
    var last: Record?
    for index in 0..<drafts.count {
      let offset = writer.offset
      previous = encoder.append(index, of: drafts, previous: previous, into: &writer.buffer)
      if index == 0 || index == drafts.count - 1 {
        let draft = drafts[index]
        let record = Record(
          schema: Record.currentSchema, seq: tail.lastSeq + 1 + index, id: EventID(draft.id), recordedAt: time,
          recordedBy: user,
          login: login, type: draft.type, account: draft.account, data: draft.data,
          batch: encoder.position(of: index), chainHash: previous, offset: offset)
        if index == 0 { first = record }
        last = record
      }
      if writer.buffer.count >= writer.chunkBytes { try writer.flush() }
    }
    try writer.finish()
    let end = JournalPosition(offset: writer.offset, lastSeq: tail.lastSeq + drafts.count, chain: previous)
    return BatchOutcome(count: drafts.count, first: first, last: last, quarantined: quarantined, end: end)
  }
}

/// Writes a batch's lines in chunks under the journal's lock; on any failure, puts the file back to
/// its size before the batch.
struct BatchFileWriter {
  let file: FileDescriptor
  let journal: Journal
  /// Where the batch starts: what the file is truncated back to on failure.
  let start: UInt64
  let chunkBytes: Int
  var buffer: [UInt8] = []
  /// Bytes of the batch written so far.
  private var written = 0
  private var chunks = 0

  init(file: FileDescriptor, journal: Journal, start: UInt64) {
    self.file = file
    self.journal = journal
    self.start = start
    chunkBytes = max(FaultInjection.batchChunkBytes ?? Journal.batchChunkBytes, 1)
    buffer.reserveCapacity(chunkBytes + Journal.maximumRecordBytes)
  }

  /// Where the next line starts in the file.
  var offset: UInt64 { start + UInt64(written + buffer.count) }

  mutating func flush() throws {
    guard !buffer.isEmpty else { return }
    if chunks == 1, FaultInjection.pauseMidWrite > 0 { usleep(useconds_t(FaultInjection.pauseMidWrite * 1000)) }
    var (count, failure) = (0, Int32?.none)
    if let limit = FaultInjection.diskFullAfterBytes, written + buffer.count > limit {
      (count, failure) = file.writeAll(Array(buffer.prefix(max(limit - written, 0))))
      failure = failure ?? ENOSPC
    } else {
      (count, failure) = file.writeAll(buffer)
    }
    if failure != nil { cutBack() }
    written += count
    chunks += 1
    buffer.removeAll(keepingCapacity: true)
    if let failure { throw JournalError.system(path: journal.path, operation: "appending to", code: failure) }
  }

  /// Writes what is left and flushes the file; the batch is in the journal only once this returns.
  mutating func finish() throws {
    try flush()
    do {
      try file.sync()
    } catch {
      try? file.truncate(to: start)
      throw error
    }
  }

  /// A part of the batch may be in the file: cut it off, and flush the cut.
  private func cutBack() {
    try? file.truncate(to: start)
    _ = fsync(file.raw)
  }
}
