import RapportJournal

/// A batch with at least one refused command: nothing of it was written.
public struct BatchRefused: Error, Sendable, Equatable, CustomStringConvertible {
  public var refusals: [BatchRefusal]

  public var description: String {
    refusals.map { "command \($0.index + 1): \($0.error.description)" }.joined(separator: "\n")
  }
}
