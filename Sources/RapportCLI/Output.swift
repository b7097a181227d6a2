import Glibc
import RapportDomain
import RapportJournal
import RapportText

/// Everything the command line prints goes through here: stdout for results, stderr for the rest.
enum Output {
  static func line(_ text: String) { write(text + "\n", to: STDOUT_FILENO) }

  static func text(_ text: String) { write(text, to: STDOUT_FILENO) }

  /// The value's JSON and a newline, written as bytes (a board of thousands of accounts is megabytes:
  /// no copies through `String`).
  static func json(_ value: JSONValue) { json(JSONWriter.bytes(of: value)) }

  /// Bytes of JSON and a newline.
  static func json(_ bytes: [UInt8]) {
    var bytes = bytes
    bytes.append(0x0A)
    write(bytes[...], to: STDOUT_FILENO)
  }

  /// A JSON array of `items` and a newline; each element is written on every core (a large board is
  /// tens of thousands of objects), then sent in order through one small buffer (not gathered into
  /// megabytes first).
  static func jsonArray<Item>(_ items: [Item], _ element: (Item, inout JSONStream) -> Void) {
    join(jsonElements(items, element), closing: [UInt8(ascii: "]"), 0x0A], piece: 1 << 16) {
      write($0[...], to: STDOUT_FILENO)
    }
  }

  /// The bytes of `jsonArray`'s array, without the newline.
  static func jsonArrayBytes<Item>(_ items: [Item], _ element: (Item, inout JSONStream) -> Void) -> [UInt8] {
    var bytes: [UInt8] = []
    join(jsonElements(items, element), closing: [UInt8(ascii: "]")], piece: .max) { bytes = $0 }
    return bytes
  }

  private static func jsonElements<Item>(_ items: [Item], _ element: (Item, inout JSONStream) -> Void) -> [[UInt8]] {
    ParallelMap.map(items) { item in
      var json = JSONStream(capacity: 2048)
      element(item, &json)
      return json.bytes
    }
  }

  /// `parts` between brackets and commas, then `closing`, handed to `emit` in pieces of at least
  /// `piece` bytes (the last may be shorter).
  private static func join(_ parts: [[UInt8]], closing: [UInt8], piece: Int, _ emit: ([UInt8]) -> Void) {
    var buffer: [UInt8] = [UInt8(ascii: "[")]
    buffer.reserveCapacity(piece == .max ? parts.reduce(closing.count + 1) { $0 + $1.count + 1 } : piece)
    for (index, part) in parts.enumerated() {
      if index > 0 { buffer.append(UInt8(ascii: ",")) }
      buffer.append(contentsOf: part)
      if buffer.count >= piece {
        emit(buffer)
        buffer.removeAll(keepingCapacity: true)
      }
    }
    buffer.append(contentsOf: closing)
    emit(buffer)
  }

  static func error(_ message: String) {
    write("rapport: error: \(TerminalText.sanitised(message))\n", to: STDERR_FILENO)
  }

  /// Progress a person may like to see, on stderr so that stdout stays parseable.
  static func note(_ message: String) { write("rapport: \(TerminalText.sanitised(message))\n", to: STDERR_FILENO) }

  static func warning(_ message: String) {
    write("rapport: warning: \(TerminalText.sanitised(message))\n", to: STDERR_FILENO)
  }

  /// The errno of the first write to standard output that failed, or nil while every write has
  /// succeeded. After a failure nothing more is written there; `Session.run` turns it into the exit
  /// status (`finishStandardOutput`). Only the main thread writes to standard output.
  nonisolated(unsafe) private(set) static var standardOutputFailure: Int32?

  /// Set when a write command has saved records, so that a failure to say so tells the user not to
  /// try again (the entry is in the journal).
  nonisolated(unsafe) static var savedRecords = false

  /// What a failed standard output means for the exit: nil when every write succeeded; `.closed` when
  /// the reader went away (EPIPE: `rapport board | head -1`), which ends quietly; otherwise the message
  /// of the one line said on stderr, with exit 74.
  enum StandardOutputOutcome: Equatable {
    case closed
    case failed(message: String)
  }

  static var standardOutputOutcome: StandardOutputOutcome? {
    guard let code = standardOutputFailure else { return nil }
    if code == EPIPE { return .closed }
    let explained = JournalError.system(path: "standard output", operation: "writing to", code: code).description
    return .failed(message: explained + (savedRecords ? " (the entry was saved: do not enter it again)" : ""))
  }

  private static func write(_ text: String, to descriptor: Int32) { write(Array(text.utf8)[...], to: descriptor) }

  /// Writes every byte. A failure on standard output is remembered (see `standardOutputFailure`); one on
  /// standard error is ignored: there is nowhere left to say it.
  private static func write(_ bytes: ArraySlice<UInt8>, to descriptor: Int32) {
    if descriptor == STDOUT_FILENO, standardOutputFailure != nil { return }
    var bytes = bytes
    while !bytes.isEmpty {
      let written = bytes.withUnsafeBytes { Glibc.write(descriptor, $0.baseAddress, $0.count) }
      if written < 0, errno == EINTR { continue }
      guard written > 0 else {
        // write(2) returning 0 for a non-empty buffer is a device that takes no more: as good as full.
        if descriptor == STDOUT_FILENO { standardOutputFailure = written < 0 ? errno : ENOSPC }
        return
      }
      bytes = bytes.dropFirst(written)
    }
  }
}
