import ArgumentParser
import Glibc
import RapportDomain
import RapportTerminal

/// Flags of the commands that open the full-screen dashboard.
struct DashboardOptions: ParsableArguments {
  @Option(
    name: .long,
    help: ArgumentHelp(
      "The colour theme: a file NAME.toml in $XDG_CONFIG_HOME/rapport/themes or the shipped Themes/.",
      valueName: "name"))
  var theme: String?

  /// An unknown theme is refused (exit 64, with the themes there are) before anything opens.
  func validate() throws {
    guard let theme else { return }
    let available = availableThemes()
    guard !available.contains(theme) else { return }
    var message = "unknown theme '\(theme)'; available themes: \(available.joined(separator: ", "))"
    if let hint = Suggestion.line(for: theme, among: available) { message += "; \(hint)" }
    throw ValidationError(message)
  }
}

/// The theme names there are: every NAME.toml in the theme directories, and the built-in "dark".
func availableThemes() -> [String] {
  var names: Set<String> = ["dark"]
  for directory in themeDirectories() {
    guard let stream = opendir(directory) else { continue }
    defer { closedir(stream) }
    while let entry = readdir(stream) {
      let name = withUnsafeBytes(of: entry.pointee.d_name) { String(decoding: $0.prefix { $0 != 0 }, as: UTF8.self) }
      if name.hasSuffix(".toml"), name.count > 5, !name.hasPrefix(".") { names.insert(String(name.dropLast(5))) }
    }
  }
  return names.sorted()
}

/// Opens the dashboard on `desk` in the terminal and runs it until the user quits.
///
/// Takes the desk (callers pass `consume desk`): a copy left with the caller would share the book's
/// storage, and the first record the dashboard folds would copy all of it (every account, the entry
/// index) — in every dashboard following the journal at once, right when a writer is appending.
///
/// Refuses (exit 64/74, before the screen is touched) when there is no usable terminal; read-only when
/// asked, when the journal is not writable, or when this user may not write to it (see
/// `Session.writeRefusal`); exit 128+N when signal N (SIGINT, SIGTERM, SIGHUP) ended it.
func openDashboard(
  session: Session, desk: consuming Desk, themeName: String? = nil,
  prepare: (inout Dashboard) -> Void = { _ in }
) throws {
  let refusal = session.writeRefusal(for: desk)
  var theme: Theme
  var mouse = true
  do {
    let config = try dashboardConfig()
    mouse = config.mouse
    let configured = config.theme
    if themeName == nil, let configured, !availableThemes().contains(configured) {
      // Named in the config file, so refused here rather than while the command line is parsed.
      let file = DashboardConfig.path(environment: configEnvironment()) ?? "config.toml"
      var message =
        "\(file): unknown theme '\(configured)'; available themes: \(availableThemes().joined(separator: ", "))"
      if let hint = Suggestion.line(for: configured, among: availableThemes()) { message += "; \(hint)" }
      Output.error(message)
      throw ExitCode(64)
    }
    theme = try ThemeLoader.load(named: themeName ?? configured ?? "dark", in: themeDirectories())
  } catch let error as ThemeError {
    Output.error(error.description)
    throw ExitCode(64)
  }
  if let noColor = Environment.value("NO_COLOR"), !noColor.isEmpty { theme = theme.withoutColor }
  let backend: NcursesBackend
  do {
    backend = try NcursesBackend.open(mouse: mouse)
  } catch {
    Output.error(error.description)
    throw ExitCode(error.exitCode)
  }
  var dashboard = Dashboard(
    desk: consume desk, today: session.today, theme: theme, readOnly: refusal != nil,
    readOnlyReason: refusal ?? "", shownRowsFirst: true)
  // ASCII outside a UTF-8 locale (LANG=C over SSH), said once in the status line.
  dashboard.useCharset(backend.charset, codeset: backend.codeset)
  dashboard.clipboard = Clipboard.forTerminal(Environment.value("TERM"))
  prepare(&dashboard)
  let exit = EventLoop.run(screen: &dashboard, backend: backend)
  backend.stop()
  if case .signal(let number) = exit { throw ExitCode(128 + number) }
}

/// The user's config file, or the defaults when there is none.
private func dashboardConfig() throws(ThemeError) -> DashboardConfig {
  guard let path = DashboardConfig.path(environment: configEnvironment()) else { return DashboardConfig() }
  return try DashboardConfig.load(path: path)
}

/// The variables that say where the user's configuration lives.
/// The variables the config file's place depends on (`DashboardConfig.path(environment:)`).
func configEnvironment() -> [String: String] {
  var environment: [String: String] = [:]
  for name in ["XDG_CONFIG_HOME", "HOME"] { environment[name] = Environment.value(name) }
  return environment
}

private func themeDirectories() -> [String] {
  let environment = configEnvironment()
  var buffer = [CChar](repeating: 0, count: Int(PATH_MAX) + 1)
  let length = readlink("/proc/self/exe", &buffer, buffer.count - 1)
  let executable = length > 0 ? String(decoding: buffer[0..<length].map { UInt8(bitPattern: $0) }, as: UTF8.self) : nil
  return ThemeLoader.searchDirectories(environment: environment, executablePath: executable)
}
