import Glibc
import RapportJournal
import RapportText

/// Everything the command line prints goes through here: stdout for results, stderr for the rest.
enum Output {
  static func line(_ text: String) { write(text + "\n", to: STDOUT_FILENO) }

  static func text(_ text: String) { write(text, to: STDOUT_FILENO) }

  /// The value's JSON and a newline, written as bytes (a board of thousands of accounts is megabytes:
  /// no copies through `String`).
  static func json(_ value: JSONValue) {
    var bytes = JSONWriter.bytes(of: value)
    bytes.append(0x0A)
    write(bytes[...], to: STDOUT_FILENO)
  }

  static func error(_ message: String) {
    write("rapport: error: \(TerminalText.sanitised(message))\n", to: STDERR_FILENO)
  }

  /// Progress a person may like to see, on stderr so that stdout stays parseable.
  static func note(_ message: String) { write("rapport: \(TerminalText.sanitised(message))\n", to: STDERR_FILENO) }

  static func warning(_ message: String) {
    write("rapport: warning: \(TerminalText.sanitised(message))\n", to: STDERR_FILENO)
  }

  private static func write(_ text: String, to descriptor: Int32) { write(Array(text.utf8)[...], to: descriptor) }

  private static func write(_ bytes: ArraySlice<UInt8>, to descriptor: Int32) {
    var bytes = bytes
    while !bytes.isEmpty {
      let written = bytes.withUnsafeBytes { Glibc.write(descriptor, $0.baseAddress, $0.count) }
      if written < 0, errno == EINTR { continue }
      guard written > 0 else { return }
      bytes = bytes.dropFirst(written)
    }
  }
}

/// `--format text|json` for read commands.
enum OutputFormat: String, CaseIterable, Sendable {
  case text, json
}
