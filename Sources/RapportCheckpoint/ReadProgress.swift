/// How far a long read has got, for a progress indicator.
public struct ReadProgress: Sendable, Equatable {
  public var bytesRead: UInt64
  public var totalBytes: UInt64
  public var records: Int
  /// Whether the whole journal is being read (no checkpoint served).
  public var isFullReplay: Bool

  public var fraction: Double { totalBytes == 0 ? 1 : min(1, Double(bytesRead) / Double(totalBytes)) }
}
