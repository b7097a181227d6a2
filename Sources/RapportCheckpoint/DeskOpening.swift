/// How a desk was opened.
public enum DeskOpening: Sendable, Equatable {
  /// From the checkpoint at `seq`, then `tailRecords` records (`tailBytes` bytes) read after it.
  case checkpoint(seq: Int, tailRecords: Int, tailBytes: UInt64)
  /// By folding the whole journal; `reason` says why no checkpoint served (nil: none was asked for).
  case replay(reason: CheckpointError?, records: Int)

  public var usedCheckpoint: Bool {
    if case .checkpoint = self { return true }
    return false
  }
}
