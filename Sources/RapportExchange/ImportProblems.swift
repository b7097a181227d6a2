/// A file refused: every problem found, in file order. Nothing of it was written.
public struct ImportProblems: Error, Sendable, Equatable, CustomStringConvertible {
  public var problems: [ImportProblem]

  public init(_ problems: [ImportProblem]) { self.problems = problems }

  public var description: String { problems.map(\.description).joined(separator: "\n") }
}
