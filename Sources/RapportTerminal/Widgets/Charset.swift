/// What the terminal can show, from the locale's character set (`nl_langinfo(CODESET)` after
/// `setlocale`): ncurses turns every cell into the locale's encoding and drops what it cannot encode, so
/// outside a UTF-8 locale the dashboard draws ASCII (`Canvas.transliterate()`).
public enum Charset: Sendable, Equatable {
  /// A UTF-8 locale: every glyph as drawn.
  case unicode
  /// Any other (C, POSIX, Latin-1...): ASCII only.
  case ascii

  /// The charset for a locale's character set name (`UTF-8`, `utf8`, `ANSI_X3.4-1968`, `ISO-8859-1`...).
  public init(codeset: String) {
    let name = codeset.uppercased().filter { $0.isLetter || $0.isNumber }
    self = name == "UTF8" ? .unicode : .ascii
  }

  /// The status line's one-time note in ASCII mode: why, and how to get the glyphs.
  public static func asciiNotice(codeset: String) -> String {
    let named = codeset.isEmpty ? "" : " (\(codeset))"
    return "ASCII mode: this terminal's locale\(named) is not UTF-8; set LANG=C.UTF-8 for full glyphs"
  }
}
