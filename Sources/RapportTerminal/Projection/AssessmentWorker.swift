import RapportDomain
import Synchronization

/// Assesses wholly, in the background, the rows a dashboard put in order from their standings alone
/// (see `Projection.Assessing.shownRowsFirst`). Its thread has the idle policy: alone on the machine it
/// finishes within a tenth of a second of the first frame; when thirty dashboards open at once it waits
/// until their first frames are drawn. One job at a time: a newer job, or a cancel, stops the one
/// running at its next chunk, and it lets go of its book.
final class AssessmentWorker: Sendable {
  /// Accounts assessed between two looks at whether the job is still wanted.
  static let chunk = 64

  private struct State {
    /// The number of the latest job asked for (or cancelled).
    var job = 0
    /// The last job finished, and its rows in the order of its accounts.
    var finished: (job: Int, rows: [Assessment])?
  }

  private let state = Mutex(State())

  /// Starts assessing the accounts `slugs` of `book` today, as the list keeps rows
  /// (`Projection.listRow`); returns the job's number, nil when no thread could start.
  func start(_ slugs: [String], in book: Book, today: Day) -> Int? {
    let job = state.withLock { current in
      current.job += 1
      current.finished = nil
      return current.job
    }
    return IdleThread.start { [self] in run(job, slugs, book, today) } ? job : nil
  }

  /// Stops the job running, if any, and forgets what was finished.
  func cancel() {
    state.withLock { current in
      current.job += 1
      current.finished = nil
    }
  }

  /// The rows of `job`, in the order of its accounts, once it is finished; handed over once (the worker
  /// keeps no copy).
  func takeRows(of job: Int) -> [Assessment]? {
    state.withLock { current in
      guard let finished = current.finished, finished.job == job else { return nil }
      current.finished = nil
      return finished.rows
    }
  }

  private func run(_ job: Int, _ slugs: [String], _ book: Book, _ today: Day) {
    let assessor = Assessor(book: book, today: today)
    var assessed: [Assessment] = []
    assessed.reserveCapacity(slugs.count)
    var start = slugs.startIndex
    while start < slugs.endIndex {
      guard state.withLock({ $0.job == job }) else { return }
      let end = min(slugs.endIndex, start + Self.chunk)
      assessed += assessor.assess(slugs[start..<end].compactMap { book.accounts[$0] })
      start = end
    }
    // The rows are made once every assessment is, as `Projection.rebuild` makes them: what they keep
    // lies together, and what the assessments leave is freed in whole pages.
    let rows = assessed.map(Projection.listRow)
    assessed = []
    state.withLock { current in
      if current.job == job { current.finished = (job, rows) }
    }
  }
}
