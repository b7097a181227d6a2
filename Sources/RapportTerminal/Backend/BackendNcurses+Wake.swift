import CNcursesw
import Glibc

extension NcursesBackend {
  /// Waits for a key, a quit signal or `descriptor` in one `poll(2)` over the terminal's input and
  /// the descriptor, so that another process's append ends the wait at once. Without a descriptor,
  /// exactly `nextEvent(timeoutMilliseconds:)`.
  ///
  /// Keys come first: what ncurses holds already (the rest of a pasted text, a sequence it read
  /// ahead) is taken before waiting, and a key arriving with the descriptor is returned before it, so
  /// typing is never slowed by a busy journal.
  public func nextEvent(timeoutMilliseconds: Int, watching descriptor: Int32?) -> BackendEvent {
    guard let descriptor, descriptor >= 0 else { return nextEvent(timeoutMilliseconds: timeoutMilliseconds) }
    let deadline = Self.monotonicMilliseconds() + UInt64(max(0, timeoutMilliseconds))
    while true {
      if let number = pendingSignalNumber { return .signal(number) }
      // Whatever ncurses has buffered, or the terminal has sent, without waiting.
      if let event = readKey(timeoutMilliseconds: 0) { return event }
      let now = Self.monotonicMilliseconds()
      guard now < deadline else { return .timeout }
      var watched = [
        pollfd(fd: inputDescriptor, events: Int16(POLLIN), revents: 0),
        pollfd(fd: descriptor, events: Int16(POLLIN), revents: 0),
      ]
      let ready = poll(&watched, 2, Int32(deadline - now))
      // Interrupted (a quit signal, SIGWINCH): the loop's top reports the signal or reads the resize.
      if ready < 0 { continue }
      if ready == 0 { return .timeout }
      if watched[0].revents != 0, let event = readKey(timeoutMilliseconds: 0) { return event }
      if watched[1].revents != 0 { return .journalChanged }
    }
  }

  /// One read through ncurses: a key, a quit signal, a hang-up (as SIGHUP), or nil when nothing came
  /// within `timeoutMilliseconds` (or what came was not a key: a mouse report it ignores).
  private func readKey(timeoutMilliseconds: Int) -> BackendEvent? {
    wtimeout(window, Int32(timeoutMilliseconds))
    var code: wint_t = 0
    let status = wget_wch(window, &code)
    if let number = pendingSignalNumber { return .signal(number) }
    if status == rp_err() {
      return inputHasHungUp ? .signal(SIGHUP) : nil
    }
    if status == rp_key_code_yes(), Int32(bitPattern: UInt32(code)) == KEY_MOUSE {
      var event = MEVENT()
      guard getmouse(&event) == rp_ok() else { return nil }
      return BackendKeys.mouse(state: UInt(event.bstate), row: Int(event.y), column: Int(event.x)).map { .key($0) }
    }
    return BackendKeys.decode(status: status, code: UInt32(code)).map { .key($0) }
  }

  /// Whether the terminal's input (standard input or /dev/tty, whichever ncurses reads) has hung up
  /// or is no longer usable (its pty closed).
  var inputHasHungUp: Bool {
    var input = pollfd(fd: inputDescriptor, events: Int16(POLLIN), revents: 0)
    guard poll(&input, 1, 0) >= 0 else { return false }
    return input.revents & Int16(POLLHUP | POLLERR | POLLNVAL) != 0
  }

  private var pendingSignalNumber: Int32? {
    let number = rp_pending_signal()
    return number == 0 ? nil : number
  }

  private static func monotonicMilliseconds() -> UInt64 {
    var time = timespec()
    clock_gettime(CLOCK_MONOTONIC, &time)
    return UInt64(time.tv_sec) * 1000 + UInt64(time.tv_nsec) / 1_000_000
  }
}
