/// A key press, decoded from the terminal by the backend (tests build them directly).
public enum Key: Sendable, Hashable {
  case character(Character)
  /// Ctrl plus a letter, e.g. `.control("l")` for Ctrl-L.
  case control(Character)
  case up, down, left, right
  case pageUp, pageDown, home, end
  case enter, escape, tab, backTab, backspace, delete
  case function(Int)
  /// The terminal was resized.
  case resize
  /// A click or a turn of the wheel, where it happened (ncurses mouse reporting).
  case mouse(MouseEvent)
}

/// What the event loop should do after a key.
public enum KeyOutcome: Sendable, Equatable {
  case redraw
  /// Redraw everything from scratch (Ctrl-L).
  case repaint
  case quit
  /// Open this text in the user's editor; the loop hands the result to `TerminalApp.finishEditing(_:)`.
  case edit(String)
  /// Put this text on the terminal's clipboard (OSC 52), then redraw.
  case copy(String)
}
