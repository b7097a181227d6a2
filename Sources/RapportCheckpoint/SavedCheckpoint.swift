/// A checkpoint that was written.
public struct SavedCheckpoint: Sendable, Equatable {
  public var path: String
  public var bytes: Int
  public var seq: Int
}
