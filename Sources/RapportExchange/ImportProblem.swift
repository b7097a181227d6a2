/// Something wrong with an imported file, where it is: the file, the physical line (1-based) and the
/// column (the 1-based field number, counted from the left as a spreadsheet shows it).
public struct ImportProblem: Sendable, Equatable, CustomStringConvertible {
  public var file: String
  public var line: Int
  public var column: Int
  /// The Rapport field concerned, when there is one.
  public var field: String?
  public var message: String

  public init(file: String, line: Int, column: Int, field: String? = nil, message: String) {
    self.file = file
    self.line = line
    self.column = column
    self.field = field
    self.message = message
  }

  /// `file:line:column: message`, as compilers write it.
  public var description: String { "\(file):\(line):\(column): \(message)" }
}
