/// A journal's lines arriving a few at a time (a database's `COPY`), scanned as a file's would be
/// but a piece at a time, so that decoding follows the stream and memory stays at about one piece
/// whatever the journal's size. The outcome is the one `JournalScanner.scan` gives for the same
/// bytes at once: records in order, whole batches only, every problem reported.
///
/// One scanner runs across the pieces, so a piece is scanned once and let go, even in the middle of a
/// batch. A batch's members are handed over when its last line arrives: read again through `reader`
/// (the store, by their numbers) when one is given, so that a batch of any size costs one piece;
/// without one, the bytes from the pending batch's first line are kept until then.
public struct JournalPieceScanner {
  public let path: String
  private var scanner: JournalScanner
  /// Bytes not yet let go: the next lines to scan, after (without a reader) a pending batch's lines.
  private var bytes: [UInt8] = []
  /// Where `bytes` starts in the journal.
  private var base: UInt64
  private var sawBytes = false
  private let pieceBytes: Int
  private let keepsPendingBatches: Bool
  /// The most bytes kept at once (for tests: a piece or so when a reader is given).
  package private(set) var peakBytesKept = 0

  /// `pieceBytes` of 8 MiB lets `JournalScanner` check the chain on a second core.
  public init(
    path: String, from position: JournalPosition, pieceBytes: Int = 8 << 20,
    reader: JournalScanner.BatchReader? = nil
  ) {
    self.path = path
    scanner = JournalScanner(startingAt: position, path: path, reader: reader)
    base = position.offset
    self.pieceBytes = pieceBytes
    keepsPendingBatches = reader == nil
  }

  /// How the scanner held pending batches (for tests).
  package var holding: JournalScanner.Holding { scanner.holding }

  /// Takes one line (without its newline); scans what waits once a piece's worth does.
  public mutating func take(line: some Collection<UInt8>, _ body: (Record) throws -> Void) throws {
    bytes.append(contentsOf: line)
    bytes.append(0x0A)
    sawBytes = true
    if unscanned >= pieceBytes { _ = try scan(body) }
  }

  /// Takes whole lines, each with its newline (a piece of the journal's bytes); scans what waits once
  /// a piece's worth does.
  public mutating func take(lines piece: [UInt8], _ body: (Record) throws -> Void) throws {
    guard !piece.isEmpty else { return }
    if bytes.isEmpty { bytes = piece } else { bytes.append(contentsOf: piece) }
    sawBytes = true
    if unscanned >= pieceBytes { _ = try scan(body) }
  }

  /// Bytes waiting to be scanned (after those kept for a pending batch).
  private var unscanned: Int { bytes.count - Int(scanner.scanned - base) }

  /// The stream has ended: scans what is left and returns the whole outcome.
  public mutating func finish(_ body: (Record) throws -> Void) throws -> JournalScanner.Outcome {
    if base == 0, !sawBytes { throw JournalError.notAJournal(path: path, detail: "it holds no records") }
    let end = try scan(body)
    return scanner.finish(tailBytes: bytes.count - end)
  }

  /// Scans the complete lines waiting, then lets go of what is no longer needed; returns where the
  /// complete lines ended in `bytes` as they were.
  private mutating func scan(_ body: (Record) throws -> Void) throws -> Int {
    peakBytesKept = max(peakBytesKept, bytes.count)
    let at = base
    let end: Int
    do {
      let waiting = bytes
      end = try waiting.withUnsafeBytes { try scanner.scanLines($0, at: at, releasingPages: false, body) }
    }
    var keepFrom = end
    if keepsPendingBatches, let start = scanner.pendingBatchStart, start >= base {
      keepFrom = Int(start - base)
    }
    if keepFrom > 0 {
      bytes.removeFirst(keepFrom)
      base += UInt64(keepFrom)
    }
    return end
  }
}
