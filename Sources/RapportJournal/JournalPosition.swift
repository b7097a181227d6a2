/// How far a reader has got: resuming a scan from here reads only what was appended since.
public struct JournalPosition: Sendable, Equatable {
  /// Byte offset just past the last line read.
  public var offset: UInt64
  /// Sequence number of the last record read (0 before the first).
  public var lastSeq: Int
  /// Stated hash of the last record read (the genesis value before the first).
  public var chain: [UInt8]

  public static let start = JournalPosition(offset: 0, lastSeq: 0, chain: ChainHash.genesis)

  public init(offset: UInt64, lastSeq: Int, chain: [UInt8]) {
    self.offset = offset
    self.lastSeq = lastSeq
    self.chain = chain
  }

  public var headHash: String { String(decoding: chain, as: UTF8.self) }
}
