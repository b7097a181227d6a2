import Glibc
import RapportCheckpoint
import RapportDomain
import RapportJournal
import RapportTerminal

/// A dashboard following another writer, right after opening from a checkpoint: what each poll costs
/// when one record arrives; then its keystrokes, on the 1,000,000-event book itself. The first poll is
/// where a copy of the whole book would show (an index grown from its exact size, a desk kept twice),
/// in every viewer at once, while writers wait on the same cores.
enum FollowBench {
  static let appends = 8

  /// Appends records to `path` as another user and times the dashboard's poll and redraw after each;
  /// then cuts the journal back to its size before, so a kept journal stays as generated.
  static func run(path: String, store: CheckpointStore, today: Day) throws {
    let size = Benchmark.fileSize(path)
    defer { truncate(path, off_t(size)) }
    var opened = try Desk.open(Journal(path: path), user: "bench", checkpoints: store)
    if !isAtTheEnd(opened.opening) {
      try opened.desk.saveCheckpoint(to: store)
      opened = try Desk.open(Journal(path: path), user: "bench", checkpoints: store)
    }
    guard isAtTheEnd(opened.opening) else {
      print("follow     the checkpoint was not used (\(opened.opening)): section skipped")
      return
    }
    // Handed over as `rapport` hands it to the dashboard: no copy left behind.
    var dashboard = Dashboard(desk: (consume opened).desk, today: today)
    var canvas = Canvas(rows: 24, columns: 80)
    dashboard.render(into: &canvas)
    var other = try Desk.open(Journal(path: path), user: "follow-bench", checkpoints: store).desk
    let slugs = Array(other.book.slugs.prefix(appends))
    var times: [Double] = []
    for (index, slug) in slugs.enumerated() {
      let input = TouchpointInput(kind: .call, date: today, summary: "follow bench call \(index + 1)")
      try other.perform(.logTouchpoint(slug: slug, input), in: Context(now: .now(), today: today, user: other.user))
      times.append(
        Benchmark.measure {
          _ = dashboard.poll()
          dashboard.render(into: &canvas)
        } * 1000)
    }
    guard let first = times.first, times.count > 1 else { return }
    let later = times.dropFirst().sorted()
    print(
      "follow     "
        + String(
          format: "first poll %.2f ms after opening from the checkpoint, then median %.2f ms, max %.2f ms",
          first, later[later.count / 2], later.last ?? 0)
        + " (another writer's record: read, fold, re-assess, redraw at 80x24)")
    // Keystrokes on the same dashboard: the book the targets are set on, opened from its checkpoint.
    print("keys       on that dashboard (\(dashboard.desk.book.accounts.count) accounts, from the checkpoint):")
    DashboardBench.keystrokes(&dashboard, size: (rows: 24, columns: 80), moves: 2000)
  }

  /// Whether a desk opened so came from a checkpoint with no record after it.
  private static func isAtTheEnd(_ opening: DeskOpening) -> Bool {
    if case .checkpoint(_, tailRecords: 0, _) = opening { return true }
    return false
  }
}
