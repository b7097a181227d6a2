import Glibc
import RapportDomain
import RapportJournal

/// Reads the environment without Foundation.
enum Environment {
  static func value(_ name: String) -> String? { getenv(name).map { String(cString: $0) } }

  static var home: String { value("HOME") ?? "." }

  static var dataHome: String { nonEmpty("XDG_DATA_HOME") ?? home + "/.local/share" }

  static var stateHome: String { nonEmpty("XDG_STATE_HOME") ?? home + "/.local/state" }

  static var cacheHome: String { nonEmpty("XDG_CACHE_HOME") ?? home + "/.cache" }

  static var loginName: String {
    if let user = nonEmpty("USER") { return user }
    if let entry = getpwuid(getuid()), let name = entry.pointee.pw_name { return String(cString: name) }
    return "unknown"
  }

  private static func nonEmpty(_ name: String) -> String? {
    guard let text = value(name), !text.isEmpty else { return nil }
    return text
  }
}
