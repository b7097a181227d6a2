/// A private tmux server (its own socket and configuration), driven one tmux command at a time, each
/// run to its end: the dashboards of the end-to-end tests and of the viewers benchmark run in it.
public struct Tmux: Sendable {
  /// How tmux finds the server: `-S PATH` (a socket file) or `-L NAME` (a socket name).
  public let server: [String]
  public let configFile: String
  /// The environment of each tmux command, as `NAME=value` entries.
  public let environment: [String]
  /// Where each command's errors go (appended).
  public let errorPath: String

  /// A server on the socket file `socketPath`.
  public init(socketPath: String, configFile: String, environment: [String], errorPath: String = "/dev/null") {
    self.init(server: ["-S", socketPath], configFile: configFile, environment: environment, errorPath: errorPath)
  }

  /// A server on the socket named `socketName` (in tmux's folder under $TMUX_TMPDIR or /tmp).
  public init(socketName: String, configFile: String, environment: [String], errorPath: String = "/dev/null") {
    self.init(server: ["-L", socketName], configFile: configFile, environment: environment, errorPath: errorPath)
  }

  private init(server: [String], configFile: String, environment: [String], errorPath: String) {
    self.server = server
    self.configFile = configFile
    self.environment = environment
    self.errorPath = errorPath
  }

  public static let executable = "/usr/bin/tmux"

  /// Runs `tmux ARGUMENTS` to its end, its output to the file `output`; how it ended (nil when it could
  /// not start). A command that starts the server (`new-session -d`) must write to a file: the server
  /// keeps the descriptors it was given.
  @discardableResult
  public func run(_ arguments: [String], output: String = "/dev/null") -> ChildProcess.Termination? {
    ChildProcess.run(command(arguments), environment: environment, output: output, error: errorPath)
  }

  /// Runs `tmux ARGUMENTS` on a server already running and returns what it printed.
  public func capture(_ arguments: [String]) -> String {
    ChildProcess.capture(command(arguments), environment: environment)
  }

  private func command(_ arguments: [String]) -> [String] {
    [Self.executable] + server + ["-f", configFile] + arguments
  }
}
