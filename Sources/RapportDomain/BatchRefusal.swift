import RapportJournal

/// A command of a batch that the domain refused, by its place in the batch (0-based).
public struct BatchRefusal: Sendable, Equatable {
  public var index: Int
  public var error: DomainError

  public init(index: Int, error: DomainError) {
    self.index = index
    self.error = error
  }
}
