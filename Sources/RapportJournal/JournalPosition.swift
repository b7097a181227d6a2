/// How far a reader has got: resuming a scan from here reads only what was appended since.
public struct JournalPosition: Sendable, Equatable {
  /// Byte offset just past the last line read.
  public var offset: UInt64
  /// Sequence number of the last record read (0 before the first).
  public var lastSeq: Int
  /// Stated hash of the last record read (the genesis value before the first).
  public var chain: HashHex

  public static let start = JournalPosition(offset: 0, lastSeq: 0, chain: .genesis)

  public init(offset: UInt64, lastSeq: Int, chain: HashHex) {
    self.offset = offset
    self.lastSeq = lastSeq
    self.chain = chain
  }

  public var headHash: String { chain.description }
}
