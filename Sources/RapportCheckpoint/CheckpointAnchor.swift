import RapportJournal

/// The journal's line a checkpoint is folded to (the last one read), as the journal holds it: the
/// checkpoint records its bytes' hash, and an open re-reads that line to check it is still there.
///
/// Read on its own, before the book is encoded, so that a checkpoint written on another thread does
/// not touch the journal there: a store's connection serves one thread at a time.
public struct CheckpointAnchor: Sendable, Equatable {
  /// The position just after the line.
  public let position: JournalPosition
  /// The line and its newline.
  public let line: [UInt8]

  /// Where the line starts.
  public var start: UInt64 { position.offset - UInt64(line.count) }

  /// Reads the line that ends at `position` from `journal`; `notSavable` when none ends there (an
  /// empty position, or a journal changed under the reader).
  public init(reading journal: Journal, at position: JournalPosition) throws(CheckpointError) {
    guard position.offset > 0 else { throw .notSavable }
    guard let line = try CheckpointError.reading({ try journal.line(endingAt: position.offset) }) else {
      throw .notSavable
    }
    self.position = position
    self.line = line
  }
}
