/// What the mouse did, decoded by the backend from ncurses' report: a left click or a turn of the wheel,
/// at a cell (row and column from the top left, as the canvas counts them).
public struct MouseEvent: Sendable, Hashable {
  public enum Button: Sendable, Hashable {
    /// The left button pressed (the dashboard acts on the press, not the release).
    case left
    case wheelUp, wheelDown
  }

  public var button: Button
  public var row: Int
  public var column: Int

  public init(_ button: Button, row: Int, column: Int) {
    self.button = button
    self.row = row
    self.column = column
  }

  /// How the event reads in the help and the docs.
  var name: String {
    switch button {
    case .left: return "click"
    case .wheelUp: return "wheel up"
    case .wheelDown: return "wheel down"
    }
  }
}
