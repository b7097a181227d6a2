import Glibc
import RapportTerminal

/// The account detail's keys and `/`'s search of the entries' text, on the dashboard's book.
extension DashboardBench {
  /// Times moving through a timeline (the account opened full-screen below 160x40, in its pane above)
  /// and reading entries whole; then a text search typed and kept: each key, and how long the entries
  /// that mention it take to arrive in the background.
  static func detailAndSearch(_ dashboard: inout Dashboard, size: (rows: Int, columns: Int)) {
    let label = "\(size.columns)x\(size.rows)"
    // The first account with a long timeline: open it, down and up its timeline, reading entries.
    _ = dashboard.handle(.enter)
    var keys: [Key] = []
    for _ in 0..<10 {
      keys += Array(repeating: .character("j"), count: 20) + [.enter, .character("j"), .escape]
      keys += Array(repeating: .character("k"), count: 20)
    }
    report("timeline", label, keys, frames(&dashboard, size, keys))
    _ = dashboard.handle(.escape)

    for word in ["renewal", "budget", "zzqx"] {
      var typed: [Key] = [.character("/")] + word.map { .character($0) } + [.enter]
      let times = frames(&dashboard, size, typed)
      let start = monotonicMilliseconds()
      var waited = 0.0
      while dashboard.isSearchingText && waited < 60_000 {
        usleep(2_000)
        _ = dashboard.poll()
        waited = monotonicMilliseconds() - start
      }
      let found = dashboard.textMatchCount
      // Down the matches and back, then the filter cleared.
      typed = Array(repeating: .character("j"), count: 30) + Array(repeating: .character("k"), count: 30)
      let moves = frames(&dashboard, size, typed)
      _ = dashboard.handle(.escape)
      print(
        "search \(label) \"\(word)\": keys max \(String(format: "%.2f", times.max() ?? 0)) ms; "
          + "\(found) entries found in the background in \(String(format: "%.0f", waited)) ms; "
          + "moving through them p99 \(String(format: "%.2f", percentile(moves, 0.99))) ms")
    }
  }

  static func percentile(_ times: [Double], _ p: Double) -> Double {
    let sorted = times.sorted()
    return sorted.isEmpty ? 0 : sorted[min(sorted.count - 1, Int(Double(sorted.count) * p))]
  }

  static func monotonicMilliseconds() -> Double {
    var time = timespec()
    clock_gettime(CLOCK_MONOTONIC, &time)
    return Double(time.tv_sec) * 1000 + Double(time.tv_nsec) / 1_000_000
  }
}
