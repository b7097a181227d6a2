import Dispatch
import Glibc

/// Maps a large array on every core: accounts are assessed independently, and a 5,000-account board
/// must be computed within a keystroke's budget.
public enum ParallelMap {
  public static let minimumCount = 512

  /// The result's storage, which each worker initialises in its own range.
  private struct Slots<Element>: @unchecked Sendable {
    let pointer: UnsafeMutablePointer<Element>
  }

  private struct Work<Input, Output>: @unchecked Sendable {
    let items: [Input]
    let transform: (Input) -> Output
  }

  /// `items.map(transform)`, in order, with the work split across the cores (serially below
  /// `minimumCount` items); `transform` must not touch shared mutable state.
  public static func map<Input, Output>(_ items: [Input], _ transform: (Input) -> Output) -> [Output] {
    let workers = max(1, min(8, sysconf(Int32(_SC_NPROCESSORS_ONLN))))
    guard workers > 1, items.count >= minimumCount else { return items.map(transform) }
    return withoutActuallyEscaping(transform) { transform in
      let work = Work(items: items, transform: transform)
      let chunk = (items.count + workers - 1) / workers
      // Straight into the result's storage, allocated once at its size: a 5,000-account board's
      // assessments take megabytes, and every viewer computes one.
      return Array(unsafeUninitializedCapacity: items.count) { buffer, initialized in
        guard let base = buffer.baseAddress else { return }
        let slots = Slots(pointer: base)
        // Each worker initialises only its own range; `transform` does not throw, so every element is.
        DispatchQueue.concurrentPerform(iterations: workers) { worker in
          let start = worker * chunk
          let end = min(work.items.count, start + chunk)
          guard start < end else { return }
          for index in start..<end { (slots.pointer + index).initialize(to: work.transform(work.items[index])) }
        }
        initialized = items.count
      }
    }
  }
}
