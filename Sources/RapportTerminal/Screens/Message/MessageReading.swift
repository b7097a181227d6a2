import RapportText

/// The last status-line message, opened in full with `!` (a message longer than the status line's rows
/// ends there with "! reads it all"): wrapped to the screen, scrolled like a page; Esc, Enter, q or `!`
/// close it.
public struct MessageReading: Sendable, Equatable {
  public let text: String
  public var page = ListCursor()
  /// The standup it was opened over, shown again when it closes.
  let standup: StandupModal?

  public init(text: String, over standup: StandupModal? = nil) {
    self.text = text
    self.standup = standup
  }

  /// The message's lines at `width` columns (its own line breaks kept).
  static func lines(of text: String, width: Int) -> [String] {
    text.split(separator: "\n", omittingEmptySubsequences: false).flatMap { paragraph -> [String] in
      let words = TextWrap.words(TerminalText.sanitised(String(paragraph)), width: max(10, width))
      return words.isEmpty ? [""] : words
    }
  }

  mutating func reduce(_ action: Action, _ env: ScreenEnvironment) -> [Effect] {
    switch action {
    case .move(let move):
      let count = Self.lines(of: text, width: env.layout.body.width - 2).count
      page.scroll(move, count: count, height: env.layout.pageHeight)
      return [.redraw]
    case .back, .submit, .readMessage: return [standup.map { .present(.standup($0)) } ?? .dismiss, .redraw]
    default: return []
    }
  }

  static func draw(_ reading: MessageReading, _ env: ScreenEnvironment, in body: Rect, into canvas: inout Canvas) {
    canvas.fill(row: body.row, column: body.column, height: body.height, width: body.width, style: env.theme[.normal])
    let lines = lines(of: reading.text, width: body.width - 2).map { [Segment(" " + $0)] as Line }
    Page.draw(
      heading: [Segment("The last message, in full", .title), Segment("  (Esc closes)", .dim)], lines: lines,
      scroll: reading.page.scroll, in: body, theme: env.theme, into: &canvas)
  }
}
