import Glibc
import RapportCheckpoint

/// A one-line progress indicator on stderr for a long read: shown only on a terminal, and only once
/// the read has taken a second; erased when it ends.
final class ReadIndicator {
  private let enabled = isatty(STDERR_FILENO) == 1
  private let start = ReadIndicator.now()
  private var lastDrawn = -1.0
  private let buildsCheckpoint: Bool

  init(buildsCheckpoint: Bool) { self.buildsCheckpoint = buildsCheckpoint }

  static func now() -> Double {
    var time = timespec()
    clock_gettime(CLOCK_MONOTONIC, &time)
    return Double(time.tv_sec) + Double(time.tv_nsec) / 1e9
  }

  func show(_ progress: ReadProgress) {
    guard enabled else { return }
    let now = Self.now()
    guard now - start >= 1, now - lastDrawn >= 0.1 else { return }
    lastDrawn = now
    let percent = Int(progress.fraction * 100)
    let what =
      progress.isFullReplay && buildsCheckpoint ? "reading the journal (building a checkpoint)" : "reading the journal"
    put("\r\u{1B}[Krapport: \(what): \(percent)%, \(counted(progress.records, "record"))")
  }

  func clear() {
    if lastDrawn >= 0 { put("\r\u{1B}[K") }
  }

  private func put(_ text: String) {
    let bytes = Array(text.utf8)
    _ = bytes.withUnsafeBytes { Glibc.write(STDERR_FILENO, $0.baseAddress, $0.count) }
  }
}
