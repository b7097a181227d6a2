import RapportDomain
import TOMLKit

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// What a piece of the screen means; a theme gives each role a `Style`.
public enum Role: String, Sendable, CaseIterable {
  case normal, dim, header, title, selected, status
  case healthRed = "health-red"
  case healthYellow = "health-yellow"
  case healthGreen = "health-green"
  case healthUnknown = "health-unknown"
  case alert, overdue, unowned, key, error
}

/// Styles by role, built from the eight basic colours. Loaded from `Themes/<name>.toml`; the built-in
/// `Theme.fallback` (monochrome: attributes only) is used when no file is found.
public struct Theme: Sendable, Equatable {
  public var name: String
  public var styles: [Role: Style]

  public init(name: String, styles: [Role: Style]) {
    self.name = name
    self.styles = styles
  }

  public subscript(role: Role) -> Style {
    get { styles[role] ?? Theme.fallback.styles[role] ?? .plain }
    set { styles[role] = newValue }
  }

  /// The same theme with every colour dropped (NO_COLOR, monochrome terminals); attributes stay.
  public var withoutColor: Theme {
    Theme(name: name, styles: styles.mapValues(\.withoutColor))
  }

  /// Built in, used when no theme file is found: attributes only, no colour.
  public static let fallback = Theme(
    name: "monochrome",
    styles: [
      .normal: .plain,
      .dim: Style(dim: true),
      .header: Style(bold: true, underline: true),
      .title: Style(bold: true),
      .selected: Style(reverse: true),
      .status: Style(reverse: true),
      .healthRed: Style(bold: true, reverse: true),
      .healthYellow: Style(bold: true),
      .healthGreen: .plain,
      .healthUnknown: Style(dim: true),
      .alert: Style(bold: true),
      .overdue: Style(bold: true, underline: true),
      .unowned: Style(bold: true, reverse: true),
      .key: Style(bold: true),
      .error: Style(bold: true, reverse: true),
    ])

  /// The health role for a colour.
  public static func role(of health: Health) -> Role {
    switch health {
    case .red: return .healthRed
    case .yellow: return .healthYellow
    case .green: return .healthGreen
    case .unknown: return .healthUnknown
    }
  }

  /// Reads a theme from TOML text: a `[roles]` table of inline tables such as
  /// `health-red = { foreground = "red", bold = true }`. Roles left out keep the fallback's style.
  public static func parse(_ text: String, name: String, file: String) throws(ThemeError) -> Theme {
    let table = try TOMLText.table(text, file: file)
    func line(of key: String) -> Int { TOMLText.line(of: key, in: text) }
    for key in table.keys where key != "roles" {
      throw .invalid(file: file, line: line(of: key), key: key, problem: "unknown table or key (expected [roles])")
    }
    guard let rolesValue = table["roles"] else {
      throw .invalid(file: file, line: 0, key: "roles", problem: "missing [roles] table")
    }
    guard let roles = rolesValue.table else {
      throw .invalid(file: file, line: line(of: "roles"), key: "roles", problem: "must be a table")
    }
    var theme = Theme(name: name, styles: Theme.fallback.styles)
    for key in roles.keys {
      let at = line(of: key)
      guard let role = Role(rawValue: key) else {
        let known = Role.allCases.map(\.rawValue).joined(separator: ", ")
        throw .invalid(file: file, line: at, key: "roles.\(key)", problem: "unknown role (known: \(known))")
      }
      guard let entry = roles[key]?.table else {
        throw .invalid(
          file: file, line: at, key: "roles.\(key)",
          problem: "must be a table like { foreground = \"red\", bold = true }")
      }
      var style = Style()
      for field in entry.keys {
        let path = "roles.\(key).\(field)"
        let value = entry[field]
        switch field {
        case "foreground", "background":
          guard let text = value?.string, let color = ColorName(rawValue: text.lowercased()) else {
            let names = ColorName.allCases.map(\.rawValue).joined(separator: ", ")
            throw .invalid(file: file, line: at, key: path, problem: "not a colour (use one of: \(names))")
          }
          if field == "foreground" { style.foreground = color } else { style.background = color }
        case "bold", "reverse", "underline", "dim":
          guard let flag = value?.bool else {
            throw .invalid(file: file, line: at, key: path, problem: "must be true or false")
          }
          switch field {
          case "bold": style.bold = flag
          case "reverse": style.reverse = flag
          case "underline": style.underline = flag
          default: style.dim = flag
          }
        default:
          throw .invalid(
            file: file, line: at, key: path,
            problem: "unknown attribute (use foreground, background, bold, reverse, underline, dim)")
        }
      }
      theme.styles[role] = style
    }
    return theme
  }
}

/// Why a theme could not be loaded: the file, where in it, and what is wrong.
public enum ThemeError: Error, Equatable, CustomStringConvertible {
  case unreadable(file: String, problem: String)
  case syntax(file: String, line: Int, column: Int, problem: String)
  case invalid(file: String, line: Int, key: String, problem: String)
  case badName(String)

  public var description: String {
    switch self {
    case .unreadable(let file, let problem): return "\(file): cannot read: \(problem)"
    case .syntax(let file, let line, let column, let problem):
      return "\(file):\(line):\(column): not valid TOML: \(problem)"
    case .invalid(let file, let line, let key, let problem):
      return "\(file)\(line > 0 ? ":\(line)" : ""): \(key): \(problem)"
    case .badName(let name):
      return "theme name \"\(name)\" is not allowed (letters, digits and - only)"
    }
  }
}

/// Finds themes by name in a list of directories.
public enum ThemeLoader {
  /// Where themes are looked for, in order: `$XDG_CONFIG_HOME/rapport/themes` (else `~/.config/…`), then
  /// the installed themes beside the executable (`PREFIX/share/rapport/themes` for `PREFIX/bin/rapport`,
  /// whatever the prefix), then the repository's `Themes/` found by walking up from the executable's
  /// directory.
  public static func searchDirectories(environment: [String: String], executablePath: String?) -> [String] {
    var directories: [String] = []
    if let config = environment["XDG_CONFIG_HOME"], !config.isEmpty {
      directories.append(config + "/rapport/themes")
    } else if let home = environment["HOME"], !home.isEmpty {
      directories.append(home + "/.config/rapport/themes")
    }
    if let executablePath {
      let installed = parent(of: parent(of: executablePath)) + "/share/rapport/themes"
      if isDirectory(installed) { directories.append(installed) }
      if let found = themesDirectory(above: executablePath) { directories.append(found) }
    }
    return directories
  }

  /// The first `Themes` directory in the executable's directory or one of its parents.
  public static func themesDirectory(above executablePath: String) -> String? {
    var directory = parent(of: executablePath)
    while !directory.isEmpty {
      let candidate = (directory == "/" ? "" : directory) + "/Themes"
      if isDirectory(candidate) { return candidate }
      if directory == "/" { break }
      directory = parent(of: directory)
    }
    return nil
  }

  /// Loads theme `name` from the first directory holding `<name>.toml`; the built-in fallback when none
  /// does. A file that exists but is wrong is an error, never silently replaced.
  public static func load(named name: String, in directories: [String]) throws(ThemeError) -> Theme {
    guard !name.isEmpty, name.utf8.allSatisfy({ isNameByte($0) }) else { throw .badName(name) }
    for directory in directories {
      let path = directory + "/" + name + ".toml"
      guard access(path, F_OK) == 0 else { continue }
      let text = try read(path)
      return try Theme.parse(text, name: name, file: path)
    }
    return Theme.fallback
  }

  public static func read(_ path: String) throws(ThemeError) -> String {
    guard let file = fopen(path, "rb") else {
      throw .unreadable(file: path, problem: String(cString: strerror(errno)))
    }
    defer { fclose(file) }
    var bytes: [UInt8] = []
    var buffer = [UInt8](repeating: 0, count: 4096)
    while true {
      let count = fread(&buffer, 1, buffer.count, file)
      if count > 0 { bytes.append(contentsOf: buffer[0..<count]) }
      if count < buffer.count { break }
      if bytes.count > 1_000_000 { throw .unreadable(file: path, problem: "larger than 1 MB") }
    }
    if ferror(file) != 0 { throw .unreadable(file: path, problem: "read error") }
    guard let text = String(validating: bytes, as: UTF8.self) else {
      throw .unreadable(file: path, problem: "not UTF-8")
    }
    return text
  }

  private static func isNameByte(_ byte: UInt8) -> Bool {
    (0x61...0x7A).contains(byte) || (0x41...0x5A).contains(byte) || (0x30...0x39).contains(byte) || byte == 0x2D
      || byte == 0x5F
  }

  private static func parent(of path: String) -> String {
    guard let slash = path.lastIndex(of: "/") else { return "" }
    let head = String(path[..<slash])
    return head.isEmpty ? "/" : head
  }

  private static func isDirectory(_ path: String) -> Bool {
    var info = stat()
    return stat(path, &info) == 0 && (info.st_mode & S_IFMT) == S_IFDIR
  }
}

/// TOML files of the dashboard (themes, the config): parsing with errors that name the place.
public enum TOMLText {
  static func table(_ text: String, file: String) throws(ThemeError) -> TOMLTable {
    do {
      return try TOMLTable(string: text)
    } catch let error as TOMLParseError {
      throw .syntax(
        file: file, line: error.source.begin.line, column: error.source.begin.column, problem: error.description)
    } catch {
      throw .syntax(file: file, line: 0, column: 0, problem: String(describing: error))
    }
  }

  /// The first line starting with `key` (for messages; 0 when not found).
  public static func line(of key: String, in text: String) -> Int {
    var number = 0
    for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
      number += 1
      if line.drop(while: { $0 == " " || $0 == "\t" }).hasPrefix(key) { return number }
    }
    return 0
  }
}
