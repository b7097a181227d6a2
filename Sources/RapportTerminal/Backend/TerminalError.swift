/// Why the full-screen dashboard could not start; said before the screen is touched.
public enum TerminalError: Error, Sendable, Equatable, CustomStringConvertible {
  /// `TERM` is unset, empty or `dumb`: there is no cursor addressing to draw with.
  case unsuitableTerminal(term: String?)
  /// Neither stdin/stdout nor `/dev/tty` is a terminal.
  case noTerminal(reason: String)
  /// ncurses knows neither `TERM` nor any fallback.
  case unknownTerminal(term: String)

  public var description: String {
    switch self {
    case .unsuitableTerminal(let term):
      let what = term.map { $0.isEmpty ? "TERM is empty" : "TERM=\($0)" } ?? "TERM is not set"
      return
        "\(what): this terminal cannot show the dashboard; set TERM (e.g. xterm-256color) or use the subcommands (rapport board, rapport account list, rapport --help)"
    case .noTerminal(let reason):
      return "the dashboard needs a terminal: \(reason); use the subcommands (rapport board, rapport --help)"
    case .unknownTerminal(let term):
      return "TERM=\(term) is unknown here, and so are xterm-256color and vt100; set TERM to a known terminal"
    }
  }

  /// 64 (usage) for a terminal that cannot be drawn on, 74 when no terminal could be opened.
  public var exitCode: Int32 {
    switch self {
    case .unsuitableTerminal, .unknownTerminal: return 64
    case .noTerminal: return 74
    }
  }
}
