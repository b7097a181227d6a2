import Glibc

/// Copying a journal file in and out: its bytes read a piece at a time, and a new journal file made
/// from a stream of complete lines (`rapport journal copy`).
extension Journal {
  /// Where `createCopy` writes the lines it is handed: a new file nobody sees yet, buffered.
  public struct LineSink {
    let file: FileDescriptor
    let path: String
    private var buffer: [UInt8] = []
    /// Bytes written so far.
    public private(set) var count: UInt64 = 0

    init(file: FileDescriptor, path: String) {
      self.file = file
      self.path = path
      buffer.reserveCapacity(1 << 20)
    }

    /// Writes `bytes`: complete lines, each with its newline.
    public mutating func write(_ bytes: ArraySlice<UInt8>) throws(JournalError) {
      buffer.append(contentsOf: bytes)
      count += UInt64(bytes.count)
      if buffer.count >= 1 << 20 { try flush() }
    }

    mutating func flush() throws(JournalError) {
      guard !buffer.isEmpty else { return }
      if let failure = file.writeAll(buffer).error {
        throw JournalError.system(path: path, operation: "writing", code: failure)
      }
      buffer.removeAll(keepingCapacity: true)
    }
  }

  /// Hands the file's bytes to `body` a piece at a time (never all at once), under a shared lock so
  /// that no append is half-written meanwhile; the file's size is taken once the lock is held.
  public func readPieces(of size: Int = 8 << 20, _ body: (UnsafeRawBufferPointer) throws -> Void) throws {
    try requireFile("reading a journal's bytes")
    let file = try FileDescriptor.open(path, O_RDONLY)
    defer { file.close() }
    try file.lock(LOCK_SH)
    let total = try file.size()
    if total == 0 { throw JournalError.notAJournal(path: path, detail: "the file is empty") }
    var offset: UInt64 = 0
    while offset < total {
      let piece = try file.read(at: offset, count: Int(min(UInt64(size), total - offset)))
      guard !piece.isEmpty else {
        throw JournalError.system(path: path, operation: "reading (it became shorter)", code: EIO)
      }
      try piece.withUnsafeBytes { try body($0) }
      offset += UInt64(piece.count)
    }
  }

  /// Creates a journal file at `path` holding exactly the bytes `write` hands the sink (complete
  /// lines of a journal checked on their way, a copy's), never over an existing file or through a
  /// planted link: written to a new temporary file beside it, flushed, verified whole, shown to
  /// `accept` (which throws to give up), linked into place and the directory flushed. Mode 0600, or
  /// 0660 and `group`. On any failure nothing appears at `path`.
  @discardableResult
  public static func createCopy(
    at path: String, group: String? = nil, writing write: (inout LineSink) throws -> Void,
    accepting accept: (VerificationReport) throws -> Void = { _ in }
  ) throws -> VerificationReport {
    var info = stat()
    if lstat(path, &info) == 0 { throw JournalError.alreadyExists(path: path) }
    let new = try NewJournalFile(for: path, group: group, readable: true)
    let report: VerificationReport
    do {
      var sink = LineSink(file: new.file, path: path)
      try write(&sink)
      try sink.flush()
      try new.file.sync()
      // Verified through the very descriptor it was written by.
      report = try Journal(path: path).verifyCopy(new.file)
      try accept(report)
      new.file.close()
    } catch {
      new.discard()
      throw error
    }
    try new.link()
    return report
  }

  /// The whole of the copy just written to `file`, checked as `verify` checks a journal (no head
  /// memory: nobody has seen it yet).
  private func verifyCopy(_ file: FileDescriptor) throws -> VerificationReport {
    var journalID: String?
    let outcome = try scan(file, from: .start) { record in
      if record.seq == 1 { journalID = record.id }
    }
    var problems = outcome.problems
    if let pending = outcome.pendingTail { problems.append(pending) }
    return VerificationReport(
      path: path, journalID: journalID, records: outcome.accepted, lastSeq: outcome.position.lastSeq,
      headHash: outcome.position.headHash, bytes: outcome.position.offset, problems: problems)
  }
}
