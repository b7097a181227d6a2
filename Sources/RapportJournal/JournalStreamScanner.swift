/// A journal's bytes arriving in pieces of any size (a file read a piece at a time, a database's
/// `COPY`), checked by `JournalScanner` as they come, for copying a journal: only lines that are
/// sound records, in whole batches, are passed on, and the first problem stops the stream.
///
/// Memory stays at about `chunkBytes`, whatever the batches: the bytes are scanned and passed on once
/// that many wait.
public struct JournalStreamScanner {
  /// A journal with a problem: a copy of it would not be a sound journal.
  public struct Unsound: Error, Sendable, Equatable, CustomStringConvertible {
    public var path: String
    /// The problem's line, counted from 1.
    public var line: Int
    public var problem: LineProblem

    public var description: String { "\(path) is not sound: line \(line), \(problem)" }
  }

  /// The journal's name, for messages.
  public let path: String
  /// The end of the lines passed on so far.
  public private(set) var position = JournalPosition.start
  /// Records passed on so far, in complete batches.
  public private(set) var records = 0
  /// Lines passed on so far.
  public private(set) var lines = 0
  private var scanner: JournalScanner
  /// Bytes not yet scanned.
  private var pending: [UInt8] = []
  private let chunkBytes: Int

  /// `chunkBytes` of 8 MiB lets `JournalScanner` check the chain on a second core.
  public init(path: String, chunkBytes: Int = 8 << 20) {
    self.path = path
    self.chunkBytes = chunkBytes
    // Only whether the lines are sound matters here: a completed batch's members are not decoded again.
    scanner = JournalScanner(startingAt: .start, path: path, delivering: false)
    pending.reserveCapacity(chunkBytes + (1 << 16))
  }

  /// Takes `bytes` (any part of the journal, in order); passes the sound lines on to `emit` once
  /// enough wait.
  public mutating func feed(_ bytes: UnsafeRawBufferPointer, emit: (ArraySlice<UInt8>) throws -> Void) throws {
    pending.append(contentsOf: bytes)
    if pending.count >= chunkBytes { try scan(final: false, emit: emit) }
  }

  /// Takes one line, without its newline.
  public mutating func feed(line: ArraySlice<UInt8>, emit: (ArraySlice<UInt8>) throws -> Void) throws {
    pending.append(contentsOf: line)
    pending.append(0x0A)
    if pending.count >= chunkBytes { try scan(final: false, emit: emit) }
  }

  /// The journal has ended: scans what is left, where an unfinished last line or batch is a problem.
  public mutating func finish(emit: (ArraySlice<UInt8>) throws -> Void) throws {
    if position.offset == 0, pending.isEmpty {
      throw JournalError.notAJournal(path: path, detail: "it holds no records")
    }
    try scan(final: true, emit: emit)
  }

  /// Scans the complete lines waiting (every byte when `final`), throws at the first problem, and
  /// passes the lines on.
  ///
  /// The lines of a batch not yet complete are passed on too (so a batch of any size costs no
  /// memory): a copy is written all or nothing, and a batch that never completes is a problem that
  /// stops it before anything is kept.
  private mutating func scan(final: Bool, emit: (ArraySlice<UInt8>) throws -> Void) throws {
    let end = final ? pending.count : (pending.lastIndex(of: 0x0A).map { $0 + 1 } ?? 0)
    // At the end, even with nothing left to read: a batch may still be waiting for its last line.
    guard end > 0 || final else { return }
    let start = position
    let used = try pending.withUnsafeBytes { raw in
      try scanner.scanLines(UnsafeRawBufferPointer(rebasing: raw[..<end]), at: start.offset, releasingPages: false) {
        _ in
      }
    }
    var problems = scanner.problemsFound
    if final, let tail = scanner.finish(tailBytes: end - used).pendingTail { problems.append(tail) }
    if let first = problems.min(by: { $0.offset < $1.offset }) {
      throw Unsound(path: path, line: line(of: first, from: start.offset), problem: first)
    }
    guard used > 0 else { return }
    try emit(pending[..<used])
    // Sound lines are one record each.
    let read = scanner.positionRead
    lines += read.lastSeq - start.lastSeq
    records = scanner.acceptedCount
    position = read
    pending.removeFirst(used)
  }

  /// The line, counted from 1, where `problem` starts; the pending bytes start at `offset`.
  private func line(of problem: LineProblem, from offset: UInt64) -> Int {
    // Every line before the first problem is a sound record, one for each number from 1: a problem
    // in lines already passed on (a batch's first member) is on the line of its number.
    guard problem.offset >= offset else { return problem.seq }
    let before = pending[..<Int(problem.offset - offset)]
    return lines + before.lazy.filter { $0 == 0x0A }.count + 1
  }
}
