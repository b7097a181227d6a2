/// ASCII stand-ins for what a terminal whose locale is not UTF-8 cannot show (ncurses drops every
/// character the locale's character set lacks): letters transliterated (é → e, ß → ss), the dashboard's
/// glyphs drawn with ASCII (▶ → >, ─ → -, → → ->, … → ...), `?` for what has no stand-in.
///
/// Each character has a `full` stand-in, as readable as ASCII allows, and a `short` one that takes
/// exactly the columns the character took, for where the layout leaves no room to grow.
public enum ASCIIText {
  /// The stand-ins for one character (a scalar and its combining marks) that takes `columns` columns.
  public struct Forms: Sendable, Equatable {
    /// The readable stand-in: as many or more columns than the character (ß → ss, … → ...).
    public var full: String
    /// Exactly as many columns as the character (ß → s, … → .).
    public var short: String
  }

  /// The stand-ins of `character`, which takes `columns` (1 or 2) columns on the terminal.
  public static func forms(of character: Character, columns: Int) -> Forms {
    let width = max(1, columns)
    // Combining marks go: é as e + ◌́ reads as e.
    guard let base = character.unicodeScalars.first else { return Forms(full: " ", short: " ") }
    if base.isASCII {
      let text = String(base)
      return Forms(full: text, short: text + String(repeating: " ", count: width - 1))
    }
    if let fixed = table[base.value] {
      let short = fixed.short ?? String(fixed.full.prefix(1))
      return Forms(full: padded(fixed.full, to: width), short: padded(short, to: width))
    }
    if let letters = latinLetters(base) {
      return Forms(full: padded(letters, to: width), short: padded(String(letters.prefix(1)), to: width))
    }
    // Full-width forms of ASCII (Ａ, １): the letter and a blank, in the same two columns.
    if (0xFF01...0xFF5E).contains(base.value), let ascii = Unicode.Scalar(base.value - 0xFEE0) {
      return Forms(full: padded(String(ascii), to: width), short: padded(String(ascii), to: width))
    }
    // Nothing readable: a `?` per column, so the text keeps its width.
    let unknown = String(repeating: "?", count: width)
    return Forms(full: unknown, short: unknown)
  }

  /// `text` in ASCII, each character by its full stand-in (for text whose layout may grow, e.g. lines
  /// printed one after the other).
  public static func transliterated(_ text: String) -> String {
    var out = ""
    for character in text {
      let columns = character.unicodeScalars.reduce(0) { $0 + TerminalText.width(of: $1) }
      if columns == 0 { continue }
      out += forms(of: character, columns: min(2, columns)).full
    }
    return out
  }

  private static func padded(_ text: String, to width: Int) -> String {
    text.count >= width ? text : text + String(repeating: " ", count: width - text.count)
  }

  /// Letters named by Unicode as a Latin letter or ligature with marks: the name's letters, in the
  /// letter's case ("LATIN SMALL LETTER E WITH ACUTE" → e, "LATIN CAPITAL LETTER O WITH STROKE" → O,
  /// "LATIN SMALL LIGATURE OE" → oe, "FULLWIDTH" forms aside).
  private static func latinLetters(_ scalar: Unicode.Scalar) -> String? {
    guard let name = scalar.properties.name else { return nil }
    let words = name.split(separator: " ")
    guard words.count >= 4, words[0] == "LATIN", words[2] == "LETTER" || words[2] == "LIGATURE" else { return nil }
    let small = words[1] == "SMALL"
    guard small || words[1] == "CAPITAL" else { return nil }
    let letters = words[3]
    // One letter (E WITH ACUTE), or a ligature of two or three (AE, OE, IJ, FFI); never a word (THORN).
    guard
      letters.count == 1 || (letters.count <= 3 && (words[2] == "LIGATURE" || ["AE", "OE", "IJ"].contains(letters)))
    else { return nil }
    guard letters.allSatisfy({ $0.isASCII && $0.isLetter }) else { return nil }
    return small ? letters.lowercased() : String(letters)
  }

  /// Stand-ins by scalar: a full form and, when its first character is not the right short one, a short
  /// form of one column (the table's characters all take one column).
  private static let table: [UInt32: (full: String, short: String?)] = {
    var table: [UInt32: (full: String, short: String?)] = [:]
    func add(_ characters: String, _ full: String, short: String? = nil) {
      for scalar in characters.unicodeScalars { table[scalar.value] = (full, short) }
    }
    // Letters the Unicode names do not spell as Latin letters.
    add("ß", "ss")
    add("ẞ", "SS")
    add("þ", "th")
    add("Þ", "Th")
    add("ð", "d")
    add("Ð", "D")
    add("ı", "i")
    add("ĸ", "q")
    add("ŋ", "n")
    add("Ŋ", "N")
    add("ſ", "s")
    add("ƒ", "f")
    add("ŉ", "'n", short: "n")
    // Spaces, quotes, dashes, dots.
    add(
      "\u{A0}\u{2000}\u{2001}\u{2002}\u{2003}\u{2004}\u{2005}\u{2006}\u{2007}\u{2008}\u{2009}\u{200A}\u{202F}\u{205F}",
      " ")
    add("‘’‚‛′´", "'")
    add("“”„‟″", "\"")
    add("«", "<<", short: "<")
    add("»", ">>", short: ">")
    add("‹", "<")
    add("›", ">")
    add("‐‑‒–―−", "-")
    add("—", "--", short: "-")
    add("…⋯", "...", short: ".")
    add("·•∙⋅", "-")
    add("‣◦", "*")
    add("¡", "!")
    add("¿", "?")
    add("§", "S")
    add("¶", "P")
    add("°", "o")
    add("×", "x")
    add("÷", "/")
    add("±", "+/-", short: "+")
    add("≤", "<=", short: "<")
    add("≥", ">=", short: ">")
    add("≠", "!=", short: "#")
    add("≈", "~")
    add("€", "EUR", short: "E")
    add("£", "GBP", short: "L")
    add("¥", "JPY", short: "Y")
    add("¢", "c")
    add("©", "(c)", short: "c")
    add("®", "(R)", short: "R")
    add("™", "TM", short: "T")
    add("¹", "1")
    add("²", "2")
    add("³", "3")
    add("¼", "1/4", short: "4")
    add("½", "1/2", short: "2")
    add("¾", "3/4", short: "4")
    // Arrows and pointers: → reads as -> where there is room, as > where the layout is fixed.
    add("→⟶", "->", short: ">")
    add("←⟵", "<-", short: "<")
    add("↔", "<->", short: "-")
    add("⇒", "=>", short: ">")
    add("⇐", "<=", short: "<")
    add("↑▲△⇑", "^")
    add("↓▼▽⇓", "v")
    add("▶►▸▹▷", ">")
    add("◀◄◂◃◁", "<")
    add("⏎↵", "Enter", short: "<")
    // Marks.
    add("✓✔☑", "+")
    add("✗✘☒", "x")
    add("●◆■★☆✦", "*")
    add("○◇□", "o")
    // Block elements: the sparkline's eighths rise through _ . - = #; the text cursor ▏ is a bar.
    add("▁▂", "_")
    add("▃", ".")
    add("▄▅", "-")
    add("▆▇", "=")
    add("█▉▊▋▓", "#")
    add("▌▍▎▏▐▕", "|")
    add("░▒", ":")
    add("▀▔", "\"")
    // Box drawing: lines as - and |, every corner and junction as +.
    for value in UInt32(0x2500)...0x257F where table[value] == nil { table[value] = ("+", nil) }
    add("─━┄┅┈┉╌╍═╴╶╸╺╼╾", "-")
    add("│┃┆┇┊┋╎╏║╵╷╹╻╽╿", "|")
    add("╱", "/")
    add("╲", "\\")
    add("╳", "X")
    return table
  }()
}
