import Glibc
import RapportDomain
import RapportText

/// Header values for a mail message (RFC 5322, RFC 2047): untrusted text made one line with no
/// control characters (so that nothing can end a header or start another), folded, and encoded as
/// UTF-8 encoded-words when it is not plain ASCII. Folds are CRLF and a space.
enum MailHeader {
  /// The length a header line should keep to (RFC 5322 2.1.1).
  static let lineLimit = 78
  /// Encoded-words' lines keep to 76 characters (RFC 2047 2).
  private static let encodedLineLimit = 76

  /// The text on one line with every control character (CR and LF too), bidi and zero-width
  /// character neutralised, as the terminal gets it (`TerminalText.sanitised`), spaces collapsed.
  static func oneLine(_ text: String) -> String {
    TerminalText.sanitised(text).split(separator: " ", omittingEmptySubsequences: true).joined(separator: " ")
  }

  /// An unstructured header's value (`Subject`): plain ASCII folded at spaces, anything else as
  /// encoded-words. `prefix` is what stands before it on the first line ("Subject: ").
  static func unstructured(_ text: String, after prefix: String) -> String {
    let clean = oneLine(text)
    // A word too long for a line cannot be folded: encoded-words split it.
    guard clean.unicodeScalars.allSatisfy({ $0.isASCII }),
      clean.split(separator: " ").allSatisfy({ $0.utf8.count <= lineLimit - prefix.utf8.count })
    else { return encodedWords(clean, after: prefix) }
    var lines: [String] = []
    var line = ""
    var used = prefix.utf8.count
    for word in clean.split(separator: " ") {
      if !line.isEmpty, used + 1 + word.utf8.count > lineLimit {
        lines.append(line)
        line = ""
        used = 0
      }
      // A fold is CRLF then a space, so a continued line starts with that space.
      line += line.isEmpty && lines.isEmpty ? String(word) : " " + word
      used += word.utf8.count + 1
    }
    lines.append(line)
    return lines.joined(separator: "\r\n")
  }

  /// `text` as `=?utf-8?b?…?=` words, each at most 75 characters, each on its own line of at most 76
  /// (the first after `prefix`), never splitting a character between two words.
  static func encodedWords(_ text: String, after prefix: String) -> String {
    var words: [String] = []
    var chunk: [UInt8] = []
    var room = bytesFitting(encodedLineLimit - prefix.utf8.count)
    for scalar in text.unicodeScalars {
      let bytes = Array(String(scalar).utf8)
      if !chunk.isEmpty, chunk.count + bytes.count > room {
        words.append(encodedWord(chunk))
        chunk = []
        room = bytesFitting(encodedLineLimit - 1)
      }
      chunk += bytes
    }
    if !chunk.isEmpty || words.isEmpty { words.append(encodedWord(chunk)) }
    return words.joined(separator: "\r\n ")
  }

  /// How many bytes a word's base64 may carry on a line of `width` characters.
  private static func bytesFitting(_ width: Int) -> Int {
    let payload = width - "=?utf-8?b??=".utf8.count
    return max(3, min(45, payload / 4 * 3))
  }

  private static func encodedWord(_ bytes: [UInt8]) -> String { "=?utf-8?b?" + base64(bytes) + "?=" }

  static func base64(_ bytes: [UInt8]) -> String {
    let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".utf8)
    var out: [UInt8] = []
    var index = 0
    while index < bytes.count {
      let count = min(3, bytes.count - index)
      var group = 0
      for offset in 0..<3 { group = group << 8 | (offset < count ? Int(bytes[index + offset]) : 0) }
      for position in 0..<4 {
        out.append(position <= count ? alphabet[(group >> (18 - 6 * position)) & 0x3F] : UInt8(ascii: "="))
      }
      index += 3
    }
    return String(decoding: out, as: UTF8.self)
  }

  /// RFC 5322 `atext`, for display names that need no quotes.
  static func isAtomText(_ scalar: Unicode.Scalar) -> Bool {
    scalar.isASCII && EmailAddress.isAtomText(UInt8(scalar.value))
  }

  /// A quoted-string: the text in double quotes, its quotes and backslashes escaped.
  static func quoted(_ text: String) -> String {
    var out = "\""
    for character in text {
      if character == "\"" || character == "\\" { out.append("\\") }
      out.append(character)
    }
    return out + "\""
  }

  /// An RFC 5322 date for `seconds` since the epoch, in the local time zone:
  /// `Mon, 16 Nov 2026 08:30:00 +0100` (English names whatever the locale).
  static func date(_ seconds: Int) -> String {
    var time = time_t(seconds)
    var parts = tm()
    localtime_r(&time, &parts)
    let days = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"]
    let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
    let offset = parts.tm_gmtoff / 60
    let sign = offset < 0 ? "-" : "+"
    return "\(days[Int(parts.tm_wday)]), \(parts.tm_mday) \(months[Int(parts.tm_mon)]) \(1900 + parts.tm_year) "
      + "\(two(parts.tm_hour)):\(two(parts.tm_min)):\(two(parts.tm_sec)) "
      + sign + two(Int32(abs(offset) / 60)) + two(Int32(abs(offset) % 60))
  }

  private static func two(_ value: Int32) -> String { value < 10 ? "0\(value)" : String(value) }
}
