/// What the event loop drives (the whole app, not one of its screens): the dashboard implements it, the ncurses backend runs it, tests call it
/// directly with keys and read the canvas.
public protocol TerminalApp {
  /// Draws the whole screen into `canvas` (its size is the terminal's).
  func render(into canvas: inout Canvas)
  /// Handles one key.
  mutating func handle(_ key: Key) -> KeyOutcome
  /// Called a few times a second when no key arrives: reads other processes' appends; returns whether
  /// anything changed (so the loop redraws).
  mutating func poll() -> Bool
  /// Receives the terminal's size: before the first frame and after every resize.
  mutating func resize(to size: TerminalSize)
  /// Receives the text written in the editor after `KeyOutcome.edit` (nil when the editor failed).
  mutating func finishEditing(_ text: String?)
  /// A descriptor that becomes readable when the journal changes elsewhere (a database's `LISTEN`
  /// socket), watched beside the keyboard: the loop calls `poll()` as soon as it is, and `poll()` must
  /// drain it. Nil (a file journal) leaves the loop reading on timeouts only. Asked before every wait.
  var wakeDescriptor: Int32? { get }
}

extension TerminalApp {
  /// Screens without text fields never ask for the editor.
  public mutating func finishEditing(_ text: String?) {}
  /// Screens that lay nothing out by size ignore it.
  public mutating func resize(to size: TerminalSize) {}
  /// Apps without a journal that can wake them poll on timeouts only.
  public var wakeDescriptor: Int32? { nil }
}
