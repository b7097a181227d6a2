/// What the event loop waits for.
public enum BackendEvent: Sendable, Equatable {
  case key(Key)
  /// No key within the timeout.
  case timeout
  /// SIGINT, SIGTERM or SIGHUP arrived: the loop returns and the terminal is restored.
  case signal(Int32)
  /// The descriptor watched beside the keyboard became readable: another process appended to the
  /// journal (the app reads it at once).
  case journalChanged
}

/// A terminal the event loop draws on: ncurses in the program, a recording fake in tests.
public protocol TerminalBackend: AnyObject {
  /// The terminal's size now (rows, columns).
  var size: (rows: Int, columns: Int) { get }
  /// Shows `canvas`; `repaint` redraws every cell instead of only what changed (resize, Ctrl-L).
  func draw(_ canvas: Canvas, repaint: Bool)
  /// Waits up to `timeoutMilliseconds` for a key or a quit signal.
  func nextEvent(timeoutMilliseconds: Int) -> BackendEvent
  /// Waits as `nextEvent(timeoutMilliseconds:)` does, and also for `descriptor` (when given) to become
  /// readable, which ends the wait with `.journalChanged`; a key waiting at the same time comes first.
  func nextEvent(timeoutMilliseconds: Int, watching descriptor: Int32?) -> BackendEvent
  /// Leaves full-screen mode, lets the user edit `text` in `$VISUAL`/`$EDITOR`, comes back; nil when the
  /// editor failed or there is none.
  func editText(_ text: String) -> String?
  /// Puts `text` on the terminal's clipboard (OSC 52).
  func copyToClipboard(_ text: String)
}

extension TerminalBackend {
  /// A backend that cannot watch a descriptor waits for keys only (its app then reads on timeouts).
  public func nextEvent(timeoutMilliseconds: Int, watching descriptor: Int32?) -> BackendEvent {
    nextEvent(timeoutMilliseconds: timeoutMilliseconds)
  }
  /// A backend without a clipboard copies nothing.
  public func copyToClipboard(_ text: String) {}
}
