import Glibc
import TOMLKit

/// The user's dashboard settings, `$XDG_CONFIG_HOME/rapport/config.toml` (else `~/.config/...`):
/// `theme = "NAME"` and `mouse = false` (clicks and the wheel left to the terminal). A missing file means
/// the defaults; a wrong one is an error naming the file, line and key, never silently ignored.
public struct DashboardConfig: Sendable, Equatable {
  public var theme: String?
  /// Whether the dashboard takes clicks and the wheel (the default); false leaves the mouse to the
  /// terminal (its own selection without Shift, its own scrolling).
  public var mouse = true

  public init(theme: String? = nil, mouse: Bool = true) {
    self.theme = theme
    self.mouse = mouse
  }

  public static let keys = ["theme", "mouse"]

  /// The config file's path for this environment, or nil when neither variable is set.
  public static func path(environment: [String: String]) -> String? {
    if let config = environment["XDG_CONFIG_HOME"], !config.isEmpty { return config + "/rapport/config.toml" }
    if let home = environment["HOME"], !home.isEmpty { return home + "/.config/rapport/config.toml" }
    return nil
  }

  public static func load(path: String) throws(ThemeError) -> DashboardConfig {
    guard access(path, F_OK) == 0 else { return DashboardConfig() }
    return try parse(try ThemeLoader.read(path), file: path)
  }

  public static func parse(_ text: String, file: String) throws(ThemeError) -> DashboardConfig {
    let table = try TOMLText.table(text, file: file)
    var config = DashboardConfig()
    for key in table.keys {
      // `[digest]` is `rapport digest`'s (read by the command line), not the dashboard's.
      if key == "digest" { continue }
      let line = TOMLText.line(of: key, in: text)
      if key == "mouse" {
        guard let flag = table[key]?.bool else {
          throw .invalid(file: file, line: line, key: key, problem: "must be true or false")
        }
        config.mouse = flag
        continue
      }
      guard key == "theme" else {
        throw .invalid(
          file: file, line: line, key: key, problem: "unknown setting (known: \(keys.joined(separator: ", ")))")
      }
      guard let name = table[key]?.string else {
        throw .invalid(file: file, line: line, key: key, problem: "must be a theme name in quotes, e.g. \"light\"")
      }
      config.theme = name
    }
    return config
  }
}
