/// Whether the dashboard can put text on the user's clipboard: through OSC 52 (`ESC ] 52 ; c ; <base64>
/// BEL`), which xterm, kitty, iTerm2, WezTerm, Windows Terminal and tmux (with `set-clipboard on`,
/// into a paste buffer) take, or not at all (the Linux console, a dumb terminal, no terminal).
public enum Clipboard: Sendable, Equatable {
  case osc52
  /// Why not, for the status line ("TERM=linux").
  case unavailable(reason: String)

  /// Terminals known not to take OSC 52 (the console's own terminfo names, and the dumb one).
  static let refusingTerminals: Set<String> = ["dumb", "linux", "vt100", "vt102", "vt220", "cons25", "ansi"]

  /// The clipboard of the terminal that `TERM` names.
  public static func forTerminal(_ term: String?) -> Clipboard {
    guard let term, !term.isEmpty else { return .unavailable(reason: "no terminal") }
    guard !refusingTerminals.contains(term) else { return .unavailable(reason: "TERM=\(term)") }
    return .osc52
  }

  /// The bytes that ask the terminal to set its clipboard to `text`.
  public static func osc52(_ text: String) -> [UInt8] {
    Array("\u{1B}]52;c;".utf8) + base64(Array(text.utf8)) + [0x07]
  }

  private static let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".utf8)

  static func base64(_ bytes: [UInt8]) -> [UInt8] {
    var output: [UInt8] = []
    output.reserveCapacity((bytes.count + 2) / 3 * 4)
    var index = 0
    while index < bytes.count {
      let chunk = bytes[index..<min(index + 3, bytes.count)]
      var value = 0
      for (offset, byte) in chunk.enumerated() { value |= Int(byte) << (16 - 8 * offset) }
      for position in 0..<4 {
        if position <= chunk.count {
          output.append(alphabet[(value >> (18 - 6 * position)) & 0x3F])
        } else {
          output.append(UInt8(ascii: "="))
        }
      }
      index += 3
    }
    return output
  }
}
