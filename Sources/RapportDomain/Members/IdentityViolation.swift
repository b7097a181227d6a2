/// A record its writer was not allowed to write under the journal's members: where it is and why.
public struct IdentityViolation: Sendable, Equatable, CustomStringConvertible {
  public var seq: Int
  /// Where the record's line starts in the journal.
  public var offset: UInt64
  public var type: String
  public var message: String

  public init(seq: Int, offset: UInt64, type: String, message: String) {
    self.seq = seq
    self.offset = offset
    self.type = type
    self.message = message
  }

  public var description: String { "record \(seq) at byte \(offset) (\(type)): \(message)" }
}
