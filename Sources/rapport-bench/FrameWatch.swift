import CNcursesw
import Dispatch
import Glibc
import RapportTerminal

/// The ncurses backend of a dashboard under measurement, seen from another thread: every frame is
/// drawn by ncurses (to /dev/null, keys from an idle pipe) and read for its record count, and the
/// first time each count shows is kept. The measuring thread waits for a count and ends the loop.
final class FrameWatch: TerminalBackend, @unchecked Sendable {
  private let backend: NcursesBackend
  /// The keyboard's writing end: held open and silent, so the dashboard waits as on an idle terminal.
  private let keyboard: Int32
  private var lock = pthread_mutex_t()
  private var shown = 0
  private var shownAt: UInt64 = 0
  private var stopping = false
  private var abandoned = false
  private let frames = DispatchSemaphore(value: 0)

  init() throws {
    var ends: [Int32] = [-1, -1]
    guard pipe(&ends) == 0, let input = fdopen(ends[0], "r") else {
      throw FollowBenchFailure(message: "no pipe for the dashboard's keyboard")
    }
    guard let output = fopen("/dev/null", "w") else {
      fclose(input)
      Glibc.close(ends[1])
      throw FollowBenchFailure(message: "/dev/null could not be opened")
    }
    keyboard = ends[1]
    do {
      backend = try NcursesBackend(term: "xterm-256color", input: input, output: output, ownedFiles: [input, output])
    } catch {
      fclose(input)
      fclose(output)
      Glibc.close(ends[1])
      throw FollowBenchFailure(message: "\(error)")
    }
    // Wide enough for the status line's record count after a database journal's long name.
    resizeterm(30, 200)
    pthread_mutex_init(&lock, nil)
  }

  /// Restores ncurses and closes the keyboard (after the loop has ended).
  func close() {
    backend.stop()
    Glibc.close(keyboard)
  }

  static func now() -> UInt64 {
    var time = timespec()
    clock_gettime(CLOCK_MONOTONIC, &time)
    return UInt64(time.tv_sec) * 1_000_000_000 + UInt64(time.tv_nsec)
  }

  /// When a frame first counted `records` or more (monotonic nanoseconds); nil after 10 s or when
  /// the dashboard gave up.
  func waitUntilShown(_ records: Int) -> UInt64? {
    while true {
      let seen = locked { (shown >= records ? shownAt : nil, abandoned) }
      if let time = seen.0 { return time }
      if seen.1 { return nil }
      if frames.wait(timeout: .now() + .seconds(10)) == .timedOut { return nil }
    }
  }

  /// Ends the loop at its next wait.
  func finish() { locked { stopping = true } }

  /// The dashboard could not open: nothing will be shown.
  func abandon() {
    locked { abandoned = true }
    frames.signal()
  }

  // MARK: TerminalBackend

  var size: (rows: Int, columns: Int) { backend.size }

  func draw(_ canvas: Canvas, repaint: Bool) {
    backend.draw(canvas, repaint: repaint)
    let time = Self.now()
    guard let count = Self.recordCount(canvas) else { return }
    let newer = locked {
      guard count > shown else { return false }
      shown = count
      shownAt = time
      return true
    }
    if newer { frames.signal() }
  }

  func nextEvent(timeoutMilliseconds: Int) -> BackendEvent {
    nextEvent(timeoutMilliseconds: timeoutMilliseconds, watching: nil)
  }

  func nextEvent(timeoutMilliseconds: Int, watching descriptor: Int32?) -> BackendEvent {
    if locked({ stopping }) { return .signal(SIGTERM) }
    return backend.nextEvent(timeoutMilliseconds: timeoutMilliseconds, watching: descriptor)
  }

  func editText(_ text: String) -> String? { nil }

  /// "N records" from the status line (the bottom rows).
  private static func recordCount(_ canvas: Canvas) -> Int? {
    for row in stride(from: canvas.rows - 1, through: max(0, canvas.rows - 3), by: -1) {
      let words = canvas.text(ofRow: row).split(separator: " ")
      if let index = words.firstIndex(of: "records"), index > 0, let count = Int(words[index - 1]) { return count }
    }
    return nil
  }

  private func locked<Result>(_ body: () -> Result) -> Result {
    pthread_mutex_lock(&lock)
    defer { pthread_mutex_unlock(&lock) }
    return body()
  }
}
