import ArgumentParser

/// `rapport completions bash|zsh|fish`: the shell completion script, to source or install.
struct CompletionsCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "completions", abstract: "Print the shell completion script for bash, zsh or fish.",
    discussion: """
      bash: `source <(rapport completions bash)` (or save it in ~/.local/share/bash-completion/completions/rapport); \
      zsh: save it as _rapport in a directory of $fpath; fish: save it as \
      ~/.config/fish/completions/rapport.fish.
      """)
  @Argument(
    help: ArgumentHelp("bash, zsh or fish.", valueName: "shell"),
    completion: .list(CompletionShell.allCases.map(\.rawValue)))
  var shell: String

  func validate() throws {
    guard CompletionShell(rawValue: shell) != nil else {
      var message = "unknown shell '\(shell)': bash, zsh or fish"
      let names = CompletionShell.allCases.map(\.rawValue)
      if let hint = Suggestion.line(for: shell, among: names) { message += "; \(hint)" }
      throw ValidationError(message)
    }
  }

  func run() throws {
    guard let shell = CompletionShell(rawValue: shell) else { throw ExitCode(64) }
    Output.text(Rapport.completionScript(for: shell))
  }
}
