import Glibc

/// Runs a `TerminalApp` on a backend: render, draw, wait for a key (or 250 ms, or the journal's wake-up
/// descriptor), handle, redraw.
public enum EventLoop {
  /// How the loop ended.
  public enum Exit: Sendable, Equatable {
    /// The screen asked to quit.
    case quit
    /// A quit signal (SIGINT, SIGTERM, SIGHUP) arrived.
    case signal(Int32)
  }

  /// How long one wait for a key lasts; on a timeout the screen polls the journal.
  public static let keyTimeoutMilliseconds = 250
  /// The longest time between polls while keys keep arriving.
  public static let pollIntervalMilliseconds: UInt64 = 500

  /// Runs until the screen quits or a quit signal arrives. The canvas is the terminal's size every frame.
  public static func run(screen: inout some TerminalApp, backend: some TerminalBackend) -> Exit {
    screen.resize(to: TerminalSize(backend.size))
    draw(screen, on: backend, repaint: false)
    FreedMemory.release()
    var lastPoll = monotonicMilliseconds()
    // Whether frames were drawn since freed memory was last given back (done when the keys pause).
    var drawnSinceRelease = false
    while true {
      var redraw = false
      var repaint = false
      let event = backend.nextEvent(timeoutMilliseconds: keyTimeoutMilliseconds, watching: screen.wakeDescriptor)
      if event == .timeout, drawnSinceRelease {
        FreedMemory.release()
        drawnSinceRelease = false
      }
      switch event {
      case .signal(let number):
        return .signal(number)
      case .timeout, .journalChanged:
        // On a timeout for a journal that cannot wake the loop (a file) or whose wake-up was lost;
        // at once when another process's append was announced.
        redraw = screen.poll()
        lastPoll = monotonicMilliseconds()
      case .key(let key):
        // The size reaches the screen before the key that reports it: both handling and drawing lay out
        // for it.
        if key == .resize { screen.resize(to: TerminalSize(backend.size)) }
        switch screen.handle(key) {
        case .quit: return .quit
        case .edit(let text):
          screen.finishEditing(backend.editText(text))
          redraw = true
          repaint = true
        case .copy(let text):
          backend.copyToClipboard(text)
          redraw = true
        case .redraw: redraw = true
        case .repaint:
          redraw = true
          repaint = true
        }
        if key == .resize {
          redraw = true
          repaint = true
        }
        let now = monotonicMilliseconds()
        if now - lastPoll >= pollIntervalMilliseconds {
          if screen.poll() { redraw = true }
          lastPoll = now
        }
      }
      if redraw {
        draw(screen, on: backend, repaint: repaint)
        drawnSinceRelease = true
      }
    }
  }

  private static func draw(_ screen: some TerminalApp, on backend: some TerminalBackend, repaint: Bool) {
    let size = backend.size
    var canvas = Canvas(rows: size.rows, columns: size.columns)
    screen.render(into: &canvas)
    backend.draw(canvas, repaint: repaint)
  }

  private static func monotonicMilliseconds() -> UInt64 {
    var time = timespec()
    clock_gettime(CLOCK_MONOTONIC, &time)
    return UInt64(time.tv_sec) * 1000 + UInt64(time.tv_nsec) / 1_000_000
  }
}
