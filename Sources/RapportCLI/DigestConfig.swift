import Glibc
import RapportDomain
import RapportTerminal
import TOMLKit

/// The `[digest]` part of the user's config file (`$XDG_CONFIG_HOME/rapport/config.toml`, else
/// `~/.config/rapport/config.toml`), the rest being the dashboard's:
///
/// ```toml
/// [digest]
/// sendmail = "/usr/sbin/sendmail"       # what --send pipes each message to (with -t -i)
/// from = "Rapport <rapport@example.com>"
///
/// [digest.addresses]                    # for people the journal's members list no address for
/// zoe = "Zoë Martin <zoe@example.com>"
/// bob = "bob@example.com"
/// ```
///
/// A missing file or section means the defaults; a wrong one is an error naming the file, line and
/// key (exit 64), as the dashboard's settings are.
struct DigestConfig: Equatable {
  var sendmail: String?
  var from: MailAddress?
  var addresses: [String: MailAddress] = [:]

  /// An error in the config file, said as `FILE:LINE: [digest] KEY: problem`.
  struct Problem: Error, CustomStringConvertible {
    var description: String
  }

  static let keys = ["sendmail", "from", "addresses"]

  /// The config file's path (the dashboard's), or nil when neither XDG_CONFIG_HOME nor HOME is set.
  static var path: String? { DashboardConfig.path(environment: configEnvironment()) }

  /// The user's settings: the defaults when there is no file.
  static func load() throws(Problem) -> DigestConfig {
    guard let path, access(path, F_OK) == 0 else { return DigestConfig() }
    return try parse(try read(path), file: path)
  }

  static func parse(_ text: String, file: String) throws(Problem) -> DigestConfig {
    let table: TOMLTable
    do {
      table = try TOMLTable(string: text)
    } catch let error as TOMLParseError {
      throw Problem(description: "\(file):\(error.source.begin.line): \(error.description)")
    } catch {
      throw Problem(description: "\(file): \(error)")
    }
    guard let value = table["digest"] else { return DigestConfig() }
    let location = { (key: String) in "\(file):\(TOMLText.line(of: key, in: text)): [digest] \(key)" }
    guard let digest = value.table else {
      throw Problem(description: "\(location("digest")): must be a table, [digest]")
    }
    var config = DigestConfig()
    for key in digest.keys {
      switch key {
      case "sendmail":
        guard let path = digest[key]?.string, !path.isEmpty else {
          throw Problem(
            description: "\(location(key)): must be a program's path in quotes, e.g. \"/usr/sbin/sendmail\"")
        }
        config.sendmail = path
      case "from":
        guard let written = digest[key]?.string, let address = MailAddress(parsing: written) else {
          throw Problem(
            description: "\(location(key)): must be an address in quotes, e.g. \"Rapport <rapport@example.com>\"")
        }
        config.from = address
      case "addresses":
        guard let names = digest[key]?.table else {
          throw Problem(description: "\(location(key)): must be a table, [digest.addresses], of name = \"address\"")
        }
        for name in names.keys {
          guard let written = names[name]?.string, let address = MailAddress(parsing: written) else {
            throw Problem(
              description: "\(file):\(TOMLText.line(of: name, in: text)): [digest.addresses] \(name): must be "
                + EmailAddress.expected + ", or \"Name <name@example.com>\"")
          }
          config.addresses[name] = address
        }
      default:
        throw Problem(description: "\(location(key)): unknown setting (known: \(keys.joined(separator: ", ")))")
      }
    }
    return config
  }

  private static func read(_ path: String) throws(Problem) -> String {
    do {
      return try ThemeLoader.read(path)
    } catch .unreadable(let file, let problem) {
      throw Problem(description: "\(file): \(problem)")
    } catch {
      throw Problem(description: error.description)
    }
  }
}
