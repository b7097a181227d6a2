/// The eight basic terminal colours: every theme is built from them, so it reads on `TERM=screen` too.
public enum ColorName: String, Sendable, CaseIterable, Codable {
  case black, red, green, yellow, blue, magenta, cyan, white
}

/// How a cell is drawn. Colours are optional: nil means the terminal's default.
public struct Style: Sendable, Hashable {
  public var foreground: ColorName?
  public var background: ColorName?
  public var bold = false
  public var reverse = false
  public var underline = false
  public var dim = false

  public init(
    foreground: ColorName? = nil, background: ColorName? = nil, bold: Bool = false, reverse: Bool = false,
    underline: Bool = false, dim: Bool = false
  ) {
    self.foreground = foreground
    self.background = background
    self.bold = bold
    self.reverse = reverse
    self.underline = underline
    self.dim = dim
  }

  public static let plain = Style()

  /// The same style without colours (NO_COLOR, monochrome terminals): attributes stay, and a style that
  /// had a background (a bar: the selection, the status line, the title) is drawn in reverse video, so
  /// that it still shows as one.
  public var withoutColor: Style {
    var copy = self
    if background != nil { copy.reverse = true }
    copy.foreground = nil
    copy.background = nil
    return copy
  }
}
