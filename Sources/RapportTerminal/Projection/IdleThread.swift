import Glibc

/// A thread that runs only when no other thread on the machine wants a processor (Linux's
/// `SCHED_IDLE`): work that can wait for a second, such as assessing the accounts not on screen, must
/// not slow down the first frames of the other dashboards started at the same moment.
enum IdleThread {
  /// Linux's `SCHED_IDLE` (bits/sched.h; Glibc does not export it to Swift).
  private static let idlePolicy: Int32 = 5

  /// Runs `work` on a new detached thread of the idle policy (of the normal one where the system
  /// refuses it); returns false when no thread could be started.
  static func start(_ work: @escaping @Sendable () -> Void) -> Bool {
    let box = Unmanaged.passRetained(Box(work)).toOpaque()
    var thread = pthread_t()
    let started = pthread_create(
      &thread, nil,
      { raw in
        guard let raw else { return nil }
        let work = Unmanaged<Box>.fromOpaque(raw).takeRetainedValue().work
        var parameters = sched_param()
        // This thread only: on Linux a zero pid names the calling thread.
        _ = sched_setscheduler(0, IdleThread.idlePolicy, &parameters)
        work()
        return nil
      }, box)
    guard started == 0 else {
      Unmanaged<Box>.fromOpaque(box).release()
      return false
    }
    pthread_detach(thread)
    return true
  }

  private final class Box {
    let work: @Sendable () -> Void
    init(_ work: @escaping @Sendable () -> Void) { self.work = work }
  }
}
