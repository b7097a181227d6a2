/// Why a file is not CSV that can be read, and where (physical line, 1-based field number).
public struct CSVError: Error, Sendable, Equatable, CustomStringConvertible {
  public var line: Int
  public var column: Int
  public var reason: String

  public var description: String { "\(line):\(column): \(reason)" }
}
