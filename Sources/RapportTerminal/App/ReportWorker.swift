import Dispatch
import RapportDomain
import Synchronization

/// Computes the metrics report off the keyboard's thread: on a large book it takes far longer than a
/// frame, so the reports screen shows "computing" and the next poll picks the report up. Only the
/// effect runner starts it (`Effect.computeReport`).
final class ReportWorker: Sendable {
  private struct State {
    /// The journal position the report below, or the one being computed, belongs to.
    var seq = -1
    var report: MetricsReport?
    var running = false
  }

  private let state = Mutex(State())

  /// The report for the book at `seq`, if it is ready.
  func report(at seq: Int) -> MetricsReport? {
    state.withLock { $0.seq == seq ? $0.report : nil }
  }

  /// Starts computing the report of `book` at `seq` unless it is ready or under way.
  func start(_ book: Book, at seq: Int, today: Day) {
    let begin = state.withLock { current -> Bool in
      guard current.seq != seq || (current.report == nil && !current.running) else { return false }
      current = State(seq: seq, report: nil, running: true)
      return true
    }
    guard begin else { return }
    // Dispatch, as for all of Rapport's background work; the keyboard's thread is never the one it runs on.
    DispatchQueue.global(qos: .utility).async { [self] in
      let report = MetricsReport(book: book, today: today, period: .quarter)
      self.state.withLock { current in
        // A newer book may have asked meanwhile: keep only the report of the position still wanted.
        guard current.seq == seq else { return }
        current.report = report
        current.running = false
      }
    }
  }
}
