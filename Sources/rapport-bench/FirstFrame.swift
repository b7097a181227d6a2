import CNcursesw
import Glibc
import RapportTestSupport

/// The dashboard's start as a user sees it: `rapport` spawned on a pseudo-terminal of its own, timed
/// from the spawn to the moment the terminal has received the text that ends its first frame.
enum FirstFrame {
  /// Seconds from spawning `rapport` (no arguments, `environment` added to this process's) to `marker`
  /// arriving on a `columns`×`rows` terminal; nil when it does not arrive within `timeout` seconds.
  static func seconds(
    rapport: String, environment: [String: String], rows: Int, columns: Int, marker: String, timeout: Double
  ) -> Double? {
    var slave: Int32 = -1
    let master = rp_open_terminal(Int32(rows), Int32(columns), &slave)
    guard master >= 0 else { return nil }
    defer { close(master) }

    var variables = inheritedEnvironment()
    for (key, value) in environment { variables[key] = value }
    let entries = ChildProcess.entries(variables)

    let start = now()
    guard
      let pid = ChildProcess.spawn(
        [rapport], environment: entries, input: slave, outputDescriptor: slave, errorDescriptor: slave,
        flags: rp_spawn_new_session_flag())
    else {
      close(slave)
      return nil
    }
    close(slave)
    let seen = wait(for: Array(marker.utf8), on: master, from: start, timeout: timeout)
    kill(pid, SIGTERM)
    drain(master)
    _ = ChildProcess.wait(pid)
    return seen
  }

  private static func wait(for marker: [UInt8], on master: Int32, from start: Double, timeout: Double) -> Double? {
    var received: [UInt8] = []
    var buffer = [UInt8](repeating: 0, count: 65_536)
    while now() - start < timeout {
      var descriptor = pollfd(fd: master, events: Int16(POLLIN), revents: 0)
      guard poll(&descriptor, 1, 100) >= 0 || errno == EINTR else { return nil }
      guard descriptor.revents != 0 else { continue }
      let count = buffer.withUnsafeMutableBytes { read(master, $0.baseAddress, $0.count) }
      guard count > 0 else { return nil }
      received.append(contentsOf: buffer[0..<count])
      if contains(received, marker) { return now() - start }
    }
    return nil
  }

  /// Reads what the terminal still holds, so that the stopped dashboard is never blocked writing.
  private static func drain(_ master: Int32) {
    var buffer = [UInt8](repeating: 0, count: 65_536)
    var descriptor = pollfd(fd: master, events: Int16(POLLIN), revents: 0)
    while poll(&descriptor, 1, 300) > 0,
      buffer.withUnsafeMutableBytes({ read(master, $0.baseAddress, $0.count) }) > 0
    {}
  }

  private static func contains(_ haystack: [UInt8], _ needle: [UInt8]) -> Bool {
    guard !needle.isEmpty, haystack.count >= needle.count else { return needle.isEmpty }
    for start in 0...(haystack.count - needle.count)
    where haystack[start] == needle[0] && haystack[start..<(start + needle.count)].elementsEqual(needle) {
      return true
    }
    return false
  }

  private static func inheritedEnvironment() -> [String: String] {
    var variables: [String: String] = [:]
    var pointer = environ
    while let entry = pointer.pointee {
      let text = String(cString: entry)
      if let equals = text.firstIndex(of: "=") {
        variables[String(text[..<equals])] = String(text[text.index(after: equals)...])
      }
      pointer += 1
    }
    return variables
  }

  private static func now() -> Double { Double(ViewersBench.monotonicNanoseconds()) / 1e9 }
}
