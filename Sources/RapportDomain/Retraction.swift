/// A later record that withdrew an entry.
public struct Retraction: Sendable, Equatable {
  public var seq: Int
  public var reason: String?
  public var by: String

  package init(seq: Int, reason: String?, by: String) {
    self.seq = seq
    self.reason = reason
    self.by = by
  }
}
