import Dispatch
import Glibc

/// Maps a large array on every core: accounts are assessed independently, and a 5,000-account board
/// must be computed within a keystroke's budget.
public enum ParallelMap {
  public static let minimumCount = 512

  private final class Slots<Element>: @unchecked Sendable {
    let pointer: UnsafeMutablePointer<Element?>
    let count: Int

    init(count: Int) {
      self.count = count
      pointer = UnsafeMutablePointer.allocate(capacity: count)
      pointer.initialize(repeating: nil, count: count)
    }

    deinit {
      pointer.deinitialize(count: count)
      pointer.deallocate()
    }
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
      let slots = Slots<Output>(count: items.count)
      let work = Work(items: items, transform: transform)
      let chunk = (items.count + workers - 1) / workers
      // Each worker writes only its own range of slots.
      DispatchQueue.concurrentPerform(iterations: workers) { worker in
        let start = worker * chunk
        let end = min(work.items.count, start + chunk)
        guard start < end else { return }
        for index in start..<end { slots.pointer[index] = work.transform(work.items[index]) }
      }
      // Moved out, not copied: an assessment holds a dozen references.
      return (0..<items.count).compactMap { slots.pointer[$0].take() }
    }
  }
}
