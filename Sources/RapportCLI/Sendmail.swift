import Glibc

/// Hands a message to the local mail system the way postfix, exim and msmtp all accept one:
/// `SENDMAIL -t -i` with the message on standard input (`-t`: the recipients are read from its
/// headers, so no address ever reaches a command line; `-i`: a line holding a single dot does not end
/// it).
enum Sendmail {
  /// The default program, where Debian's mail systems put it.
  static let defaultPath = "/usr/sbin/sendmail"

  /// Runs `program -t -i` (a path, or a name looked up in PATH) with `message` on its standard input
  /// and waits for it; nil when it took the message (exit 0), else why not, in words.
  static func send(_ message: [UInt8], with program: String) -> String? {
    var pipeEnds: [Int32] = [0, 0]
    guard pipe(&pipeEnds) == 0 else { return "no pipe: \(String(cString: strerror(errno)))" }
    let (reading, writing) = (pipeEnds[0], pipeEnds[1])
    // Neither end leaks into the program but as its standard input (dup2 clears the flag there).
    _ = fcntl(reading, F_SETFD, FD_CLOEXEC)
    _ = fcntl(writing, F_SETFD, FD_CLOEXEC)
    var actions = posix_spawn_file_actions_t()
    posix_spawn_file_actions_init(&actions)
    defer { posix_spawn_file_actions_destroy(&actions) }
    // Only its standard input changes; stdout and stderr stay ours, so what it says reaches the user.
    posix_spawn_file_actions_adddup2(&actions, reading, 0)
    let arguments = [program, "-t", "-i"]
    var argv: [UnsafeMutablePointer<CChar>?] = arguments.map { strdup($0) } + [nil]
    defer { for pointer in argv { free(pointer) } }
    var child: pid_t = 0
    let spawned = posix_spawnp(&child, program, &actions, nil, &argv, environ)
    close(reading)
    guard spawned == 0 else {
      close(writing)
      return "could not run \(program): \(String(cString: strerror(spawned)))"
    }
    let written = writeAll(message, to: writing)
    close(writing)
    var status: Int32 = 0
    while waitpid(child, &status, 0) < 0 {
      guard errno == EINTR else { return "\(program): lost track of it: \(String(cString: strerror(errno)))" }
    }
    let signal = status & 0x7F
    if signal != 0 { return "\(program) was killed by signal \(signal)" }
    let code = (status >> 8) & 0xFF
    if code != 0 { return "\(program) exited with status \(code)" }
    if let written { return "\(program) did not read the whole message: \(written)" }
    return nil
  }

  /// Writes every byte; nil when done, else the error in words (EPIPE: the program stopped reading).
  private static func writeAll(_ bytes: [UInt8], to file: Int32) -> String? {
    var offset = 0
    while offset < bytes.count {
      let count = bytes[offset...].withUnsafeBytes { write(file, $0.baseAddress, $0.count) }
      if count < 0 {
        if errno == EINTR { continue }
        return String(cString: strerror(errno))
      }
      offset += count
    }
    return nil
  }
}
