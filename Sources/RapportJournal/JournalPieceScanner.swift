/// A journal's lines arriving a few at a time (a database's `COPY`), scanned as a file's would be
/// but a piece at a time, so that decoding follows the stream and memory stays at about one piece
/// whatever the journal's size. The outcome is the one `JournalScanner.scan` gives for the same
/// bytes at once: records in order, whole batches only, every problem reported.
public struct JournalPieceScanner {
  public let path: String
  private var position: JournalPosition
  private var accepted = 0
  private var problems: [LineProblem] = []
  private var pending: [UInt8] = []
  private var sawBytes = false
  private let pieceBytes: Int

  /// `pieceBytes` of 8 MiB lets `JournalScanner` check the chain on a second core.
  public init(path: String, from position: JournalPosition, pieceBytes: Int = 8 << 20) {
    self.path = path
    self.position = position
    self.pieceBytes = pieceBytes
  }

  /// Takes one line (without its newline); scans what waits once a piece's worth does.
  public mutating func take(line: some Collection<UInt8>, _ body: (Record) throws -> Void) throws {
    pending.append(contentsOf: line)
    pending.append(0x0A)
    sawBytes = true
    if pending.count >= pieceBytes { try scan(final: false, body) }
  }

  /// Takes whole lines, each with its newline (a piece of the journal's bytes); scans what waits once
  /// a piece's worth does.
  public mutating func take(lines bytes: [UInt8], _ body: (Record) throws -> Void) throws {
    guard !bytes.isEmpty else { return }
    if pending.isEmpty { pending = bytes } else { pending.append(contentsOf: bytes) }
    sawBytes = true
    if pending.count >= pieceBytes { try scan(final: false, body) }
  }

  /// The stream has ended: scans what is left and returns the whole outcome.
  public mutating func finish(_ body: (Record) throws -> Void) throws -> JournalScanner.Outcome {
    if position.offset == 0, !sawBytes { throw JournalError.notAJournal(path: path, detail: "it holds no records") }
    return try scan(final: true, body)
  }

  /// Scans the waiting lines. Before the end, what follows the scanner's resume point (a batch not
  /// yet complete) waits for the next piece, and only problems before that point are final.
  @discardableResult
  private mutating func scan(final: Bool, _ body: (Record) throws -> Void) throws -> JournalScanner.Outcome {
    let start = position
    let outcome = try pending.withUnsafeBytes { try JournalScanner.scan($0, from: start, path: path, body) }
    accepted += outcome.accepted
    position = outcome.position
    problems += final ? outcome.problems : outcome.problems.filter { $0.offset < outcome.position.offset }
    pending.removeFirst(Int(outcome.position.offset - start.offset))
    return JournalScanner.Outcome(
      position: position, accepted: accepted, problems: problems, pendingTail: final ? outcome.pendingTail : nil)
  }
}
