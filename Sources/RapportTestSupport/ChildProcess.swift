import Glibc

/// Child processes started with `posix_spawn` and waited for with `waitpid`, for the benchmark and the
/// end-to-end tests. Foundation's `Process` can wait forever when the child forked a server that keeps
/// running (tmux does), and it cannot give a child a session or a terminal of its own.
public enum ChildProcess {
  /// How a child ended.
  public struct Termination: Sendable, Equatable {
    /// The exit status, or the signal's number when a signal ended it.
    public var status: Int32
    public var signalled: Bool

    /// The status a shell would report: the exit status, or 128 + the signal's number.
    public var exitCode: Int32 { signalled ? 128 + status : status }

    init(waitStatus: Int32) {
      signalled = waitStatus & 0x7F != 0
      status = signalled ? waitStatus & 0x7F : (waitStatus >> 8) & 0xFF
    }
  }

  /// This process's environment as `NAME=value` entries, for a child that inherits it.
  public static var inheritedEnvironment: [String] {
    var entries: [String] = []
    var pointer = environ
    while let entry = pointer.pointee {
      entries.append(String(cString: entry))
      pointer += 1
    }
    return entries
  }

  /// `environment` as `NAME=value` entries.
  public static func entries(_ environment: [String: String]) -> [String] {
    environment.map { "\($0.key)=\($0.value)" }
  }

  /// Starts `argv` (`argv[0]` a path) with `environment` (`NAME=value` entries). Standard input comes
  /// from `input` (a descriptor) or /dev/null; output goes to `outputDescriptor` or the file `output`
  /// (truncated), errors to the file `error` (appended). `flags` are `posix_spawnattr_setflags` flags
  /// (a new session, say). With `inheritsStreams` the child gets this process's standard input, output
  /// and errors instead. Returns the child's pid, or nil when it could not start.
  public static func spawn(
    _ argv: [String], environment: [String], input: Int32? = nil, output: String = "/dev/null",
    error: String = "/dev/null", outputDescriptor: Int32? = nil, errorDescriptor: Int32? = nil, flags: Int16 = 0,
    inheritsStreams: Bool = false
  ) -> pid_t? {
    var actions = posix_spawn_file_actions_t()
    posix_spawn_file_actions_init(&actions)
    defer { posix_spawn_file_actions_destroy(&actions) }
    // With `inheritsStreams`, descriptors 0, 1 and 2 stay as they are.
    if !inheritsStreams {
      if let input {
        posix_spawn_file_actions_adddup2(&actions, input, 0)
      } else {
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
      }
      if let outputDescriptor {
        posix_spawn_file_actions_adddup2(&actions, outputDescriptor, 1)
      } else {
        posix_spawn_file_actions_addopen(&actions, 1, output, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
      }
      if let errorDescriptor {
        posix_spawn_file_actions_adddup2(&actions, errorDescriptor, 2)
      } else {
        posix_spawn_file_actions_addopen(&actions, 2, error, O_WRONLY | O_CREAT | O_APPEND, 0o600)
      }
    }
    var attributes = posix_spawnattr_t()
    posix_spawnattr_init(&attributes)
    defer { posix_spawnattr_destroy(&attributes) }
    if flags != 0 { posix_spawnattr_setflags(&attributes, flags) }
    let arguments = argv.map { strdup($0) } + [nil]
    let variables = environment.map { strdup($0) } + [nil]
    defer {
      for pointer in arguments { free(pointer) }
      for pointer in variables { free(pointer) }
    }
    var pid: pid_t = 0
    guard posix_spawn(&pid, argv[0], &actions, &attributes, arguments, variables) == 0 else { return nil }
    return pid
  }

  /// Waits for child `pid` to end.
  public static func wait(_ pid: pid_t) -> Termination? {
    var status: Int32 = 0
    while waitpid(pid, &status, 0) < 0 {
      if errno != EINTR { return nil }
    }
    return Termination(waitStatus: status)
  }

  /// Whether child `pid` has ended (reaping it).
  public static func exited(_ pid: pid_t) -> Bool {
    var status: Int32 = 0
    let result = waitpid(pid, &status, WNOHANG)
    return result == pid || (result < 0 && errno == ECHILD)
  }

  /// Runs `argv` to its end, its output and errors to files; returns how it ended (nil when it could
  /// not start).
  @discardableResult
  public static func run(
    _ argv: [String], environment: [String], output: String = "/dev/null", error: String = "/dev/null"
  ) -> Termination? {
    guard let pid = spawn(argv, environment: environment, output: output, error: error) else { return nil }
    return wait(pid)
  }

  /// Runs `argv` to its end and returns what it printed (its errors go to /dev/null). Not for a child
  /// that leaves a process running with the pipe open (a tmux server): use `run` with a file then.
  public static func capture(_ argv: [String], environment: [String]) -> String {
    guard let pipe = makePipe() else { return "" }
    let pid = spawn(argv, environment: environment, outputDescriptor: pipe.write)
    close(pipe.write)
    var bytes: [UInt8] = []
    var buffer = [UInt8](repeating: 0, count: 65_536)
    while true {
      let count = read(pipe.read, &buffer, buffer.count)
      if count > 0 {
        bytes += buffer[0..<count]
      } else if count == 0 || errno != EINTR {
        break
      }
    }
    close(pipe.read)
    if let pid { _ = wait(pid) }
    return String(decoding: bytes, as: UTF8.self)
  }

  /// A pipe whose ends are not inherited by children (but for the end a child gets with dup2).
  public static func makePipe() -> (read: Int32, write: Int32)? {
    var ends: [Int32] = [0, 0]
    guard pipe(&ends) == 0 else { return nil }
    for end in ends { _ = fcntl(end, F_SETFD, FD_CLOEXEC) }
    return (ends[0], ends[1])
  }
}
