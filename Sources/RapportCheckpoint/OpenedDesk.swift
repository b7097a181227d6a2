import RapportDomain

/// A desk opened through a checkpoint store, and how it was opened.
public struct OpenedDesk: Sendable {
  public var desk: Desk
  /// Whether the book came from a checkpoint and the records after it, or from the whole journal.
  public let opening: DeskOpening

  /// Whether this open paid enough to be worth a fresh checkpoint: a full replay of at least
  /// `minimumRecords` records, or a tail of more than 50,000 records, or one over a fifth of the file
  /// (and at least `minimumRecords`).
  public func checkpointIsDue(minimumRecords: Int = 10_000) -> Bool {
    switch opening {
    case .replay(_, let records): return records >= max(1, minimumRecords)
    case .checkpoint(_, let tailRecords, let tailBytes):
      return tailRecords > 50_000 || (tailRecords >= max(1, minimumRecords) && tailBytes * 5 > desk.position.offset)
    }
  }
}
