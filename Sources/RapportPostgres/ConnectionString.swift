import CLibpq

/// A libpq connection string (a `postgresql://` URI or `key=value` pairs) as it may be shown: the
/// password replaced, wherever it was written.
public enum ConnectionString {
  /// Whether `text` is a PostgreSQL URI rather than a path (`postgresql://` or `postgres://`).
  public static func isURI(_ text: String) -> Bool {
    text.hasPrefix("postgresql://") || text.hasPrefix("postgres://")
  }

  /// `text` with any password replaced by `***`: in a URI's user information, in a `password=`
  /// query parameter or key.
  public static func redacted(_ text: String) -> String {
    var result = text
    if isURI(text), let scheme = result.firstRange(of: "://") {
      let authorityEnd = result[scheme.upperBound...].firstIndex { "/?".contains($0) } ?? result.endIndex
      let authority = result[scheme.upperBound..<authorityEnd]
      if let at = authority.lastIndex(of: "@"), let colon = authority[..<at].firstIndex(of: ":") {
        result.replaceSubrange(result.index(after: colon)..<at, with: "***")
      }
    }
    return redactingKeyValue(result)
  }

  /// Replaces the value after each `password=` (a key=value pair or a URI query parameter).
  private static func redactingKeyValue(_ text: String) -> String {
    var output = ""
    var rest = Substring(text)
    while let key = rest.firstRange(of: "password") {
      output += rest[..<key.upperBound]
      rest = rest[key.upperBound...]
      let spaces = rest.prefix { $0 == " " }
      guard rest.dropFirst(spaces.count).first == "=" else { continue }
      output += spaces + "="
      rest = rest.dropFirst(spaces.count + 1).drop { $0 == " " }
      if rest.first == "'" {
        var index = rest.index(after: rest.startIndex)
        while index < rest.endIndex, rest[index] != "'" {
          if rest[index] == "\\" { index = rest.index(after: index) }
          if index < rest.endIndex { index = rest.index(after: index) }
        }
        rest = index < rest.endIndex ? rest[rest.index(after: index)...] : ""
      } else {
        rest = rest.drop { $0 != " " && $0 != "&" }
      }
      output += "***"
    }
    return output + rest
  }

  /// The password `text` holds, as libpq parses it; nil when it holds none or does not parse.
  static func password(in text: String) -> String? {
    value(of: "password", in: text)
  }

  /// A short name for the database `text` names, for a status line: `dbname@host` (`dbname` alone
  /// for a unix socket or the default host), from libpq's own parse; nil when it does not parse.
  public static func label(_ text: String) -> String? {
    guard PQconninfoParse(text, nil).map({ PQconninfoFree($0) }) != nil else { return nil }
    let database = value(of: "dbname", in: text) ?? value(of: "user", in: text) ?? "postgres"
    guard let host = value(of: "host", in: text), !host.hasPrefix("/") else { return database }
    return database + "@" + (host.split(separator: ",").first.map(String.init) ?? host)
  }

  /// The value libpq parses for `key` in `text`; nil when absent, empty or unparsable.
  private static func value(of key: String, in text: String) -> String? {
    guard let options = PQconninfoParse(text, nil) else { return nil }
    defer { PQconninfoFree(options) }
    var option = options
    while let keyword = option.pointee.keyword {
      if String(cString: keyword) == key, let value = option.pointee.val {
        let found = String(cString: value)
        return found.isEmpty ? nil : found
      }
      option += 1
    }
    return nil
  }

  /// `message` with `password` (if any) replaced: libpq may echo parts of a connection string.
  static func scrub(_ message: String, password: String?) -> String {
    guard let password, !password.isEmpty else { return message }
    var output = ""
    var rest = Substring(message)
    while let found = rest.firstRange(of: password) {
      output += rest[..<found.lowerBound] + "***"
      rest = rest[found.upperBound...]
    }
    return output + rest
  }
}
