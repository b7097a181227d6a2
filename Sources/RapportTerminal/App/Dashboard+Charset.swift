extension Dashboard {
  /// Draws for `charset` from now on (`render` ends with `Canvas.transliterate()` in ASCII mode); in
  /// ASCII mode the status line says once, until the first key, why and how to get the full glyphs.
  /// `codeset`: the locale's character set, named in that message.
  public mutating func useCharset(_ charset: Charset, codeset: String) {
    self.charset = charset
    if charset == .ascii { state.message = Charset.asciiNotice(codeset: codeset) }
  }
}
