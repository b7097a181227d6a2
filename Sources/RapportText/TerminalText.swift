/// Makes untrusted text safe for a terminal and measures it in terminal columns.
///
/// Names, summaries and imported cells may carry escape sequences (OSC 52 clipboard writes, fake OSC 8
/// links, `ESC c` resets, title changes), bidi overrides or zero-width characters. None of them reaches
/// the terminal: C0/C1 controls and DEL become visible `^X`-style or `\u{…}` marks, bidi and zero-width
/// characters are dropped, and widths follow what terminals do (CJK and emoji take two columns,
/// combining marks none).
public enum TerminalText {
  /// The text with every dangerous character neutralised; newlines and tabs become spaces.
  public static func sanitised(_ text: String) -> String {
    var out = String.UnicodeScalarView()
    for scalar in text.unicodeScalars {
      switch scalar.value {
      case 0x09, 0x0A, 0x0D: out.append(" ")
      case 0x00..<0x20:
        out.append("^")
        out.append(Unicode.Scalar(UInt8(scalar.value + 0x40)))
      case 0x7F: out.append(contentsOf: "^?".unicodeScalars)
      case 0x80..<0xA0: out.append(contentsOf: "\\u{\(String(scalar.value, radix: 16))}".unicodeScalars)
      case 0x200B...0x200F, 0x202A...0x202E, 0x2060...0x2069, 0xFEFF, 0x061C: continue
      default: out.append(scalar)
      }
    }
    return String(out)
  }

  /// Columns one scalar takes in a terminal: 0, 1 or 2.
  public static func width(of scalar: Unicode.Scalar) -> Int {
    let value = scalar.value
    if value < 0x20 || (0x7F..<0xA0).contains(value) { return 0 }
    if value < 0x300 { return 1 }
    let properties = scalar.properties
    switch properties.generalCategory {
    case .nonspacingMark, .enclosingMark, .format: return 0
    default: break
    }
    if (0x1160...0x11FF).contains(value) || (0xD7B0...0xD7FF).contains(value) { return 0 }  // Hangul medial/final jamo
    if properties.isEmojiPresentation { return 2 }
    return isEastAsianWide(value) ? 2 : 1
  }

  /// Columns a (sanitised) string takes.
  public static func width(of text: String) -> Int {
    text.unicodeScalars.reduce(0) { $0 + width(of: $1) }
  }

  /// Cuts `text` to at most `columns` columns, ending with `…` when it had to cut.
  public static func truncated(_ text: String, toColumns columns: Int) -> String {
    guard columns > 0 else { return "" }
    if width(of: text) <= columns { return text }
    var out = String.UnicodeScalarView()
    var used = 0
    for scalar in text.unicodeScalars {
      let next = width(of: scalar)
      if used + next > columns - 1 { break }
      out.append(scalar)
      used += next
    }
    return String(out) + "…"
  }

  /// `text` cut or padded with spaces to exactly `columns` columns.
  public static func padded(_ text: String, toColumns columns: Int, alignRight: Bool = false) -> String {
    let cut = truncated(text, toColumns: columns)
    let padding = String(repeating: " ", count: max(0, columns - width(of: cut)))
    return alignRight ? padding + cut : cut + padding
  }

  static func isEastAsianWide(_ value: UInt32) -> Bool {
    switch value {
    case 0x1100...0x115F, 0x231A...0x231B, 0x2329...0x232A, 0x2E80...0x303E, 0x3041...0x33FF, 0x3400...0x4DBF,
      0x4E00...0x9FFF, 0xA000...0xA4CF, 0xA960...0xA97F, 0xAC00...0xD7A3, 0xF900...0xFAFF, 0xFE10...0xFE19,
      0xFE30...0xFE6F, 0xFF00...0xFF60, 0xFFE0...0xFFE6, 0x1F300...0x1F64F, 0x1F900...0x1F9FF, 0x20000...0x2FFFD,
      0x30000...0x3FFFD:
      return true
    default: return false
    }
  }
}
