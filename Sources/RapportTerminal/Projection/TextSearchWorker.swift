import Dispatch
import RapportDomain
import Synchronization

/// Searches the text of the entries (touchpoints, notes, tasks) off the keyboard's thread: on a
/// million-entry book a search takes longer than a keystroke may, so the list shows the accounts whose
/// name matches at once and the entries that mention the filter when the search is done (the next
/// poll). One search runs at a time; a filter typed meanwhile is searched next, those typed in between
/// are skipped.
final class TextSearchWorker: Sendable {
  /// A search: the needle, in the book at a journal position.
  struct Query: Equatable {
    var needle: String
    var seq: Int
  }

  private struct State {
    /// The search the list wants now (nil: none).
    var wanted: Query?
    /// Its book, kept until the search starts.
    var book: Book?
    var running = false
    /// The last search finished, and what it found.
    var done: Query?
    var found = TextMatches()
  }

  private let state = Mutex(State())

  /// What was found for `query`, if that search is done.
  func matches(for query: Query) -> TextMatches? {
    state.withLock { $0.done == query ? $0.found : nil }
  }

  /// Asks for `query` in `book`; starts it unless a search is under way (which starts it when done).
  func want(_ query: Query?, in book: Book) {
    let start = state.withLock { current -> Bool in
      current.wanted = query
      current.book = query == nil || current.done == query ? nil : book
      guard query != nil, current.done != query, !current.running else { return false }
      current.running = true
      return true
    }
    if start { next() }
  }

  /// Runs the wanted searches, one after the other, until the one wanted is the one done.
  private func next() {
    DispatchQueue.global(qos: .userInitiated).async { [self] in
      while runWanted() {}
    }
  }

  /// Runs the search wanted now, if it is not done; returns whether it ran. The book is let go of when
  /// it returns: a poll folding new records must not copy it.
  private func runWanted() -> Bool {
    let job = state.withLock { current -> (query: Query, book: Book)? in
      guard let wanted = current.wanted, wanted != current.done, let book = current.book else {
        current.running = false
        return nil
      }
      current.book = nil
      return (wanted, book)
    }
    guard let job else { return false }
    let found = job.book.searchText(job.query.needle)
    state.withLock { current in
      current.done = job.query
      current.found = found
    }
    return true
  }
}
