/// Where a tile is on the board: its group, its column (R, Y, G, ?) and its row in that column.
public struct BoardPlace: Sendable, Equatable {
  public var group: Int
  public var column: Int
  public var row: Int

  public init(group: Int = 0, column: Int = 0, row: Int = 0) {
    self.group = group
    self.column = column
    self.row = row
  }
}
