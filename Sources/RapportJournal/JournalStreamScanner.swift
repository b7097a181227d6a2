/// A journal's bytes arriving in pieces of any size (a file read a piece at a time, a database's
/// `COPY`), checked by `JournalScanner` as they come, for copying a journal: only lines that are
/// sound records, in whole batches, are passed on, and the first problem stops the stream.
///
/// Memory stays at about `chunkBytes`: the bytes are scanned and passed on once that many wait.
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
  /// Records passed on so far.
  public private(set) var records = 0
  /// Lines passed on so far.
  public private(set) var lines = 0
  private var pending: [UInt8] = []
  private let chunkBytes: Int

  /// `chunkBytes` of 8 MiB lets `JournalScanner` check the chain on a second core.
  public init(path: String, chunkBytes: Int = 8 << 20) {
    self.path = path
    self.chunkBytes = chunkBytes
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
  /// passes on the lines up to where the scanner would resume (before a batch not yet complete).
  private mutating func scan(final: Bool, emit: (ArraySlice<UInt8>) throws -> Void) throws {
    let end = final ? pending.count : (pending.lastIndex(of: 0x0A).map { $0 + 1 } ?? 0)
    guard end > 0 else { return }
    let start = position
    let outcome = try pending.withUnsafeBytes { raw in
      try JournalScanner.scan(UnsafeRawBufferPointer(rebasing: raw[..<end]), from: start, path: path) { _ in }
    }
    var problems = outcome.problems
    if final, let tail = outcome.pendingTail { problems.append(tail) }
    if let first = problems.min(by: { $0.offset < $1.offset }) {
      let before = pending[..<Int(first.offset - start.offset)]
      throw Unsound(path: path, line: lines + before.lazy.filter { $0 == 0x0A }.count + 1, problem: first)
    }
    let used = Int(outcome.position.offset - start.offset)
    guard used > 0 else { return }
    try emit(pending[..<used])
    // Sound lines are one record each.
    lines += outcome.position.lastSeq - start.lastSeq
    records += outcome.accepted
    position = outcome.position
    pending.removeFirst(used)
  }
}
