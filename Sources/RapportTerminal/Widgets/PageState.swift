/// A scrolling page without a selection (reports, help): where it is scrolled to.
public struct PageState: Sendable, Equatable {
  public var page = ListCursor()

  public init() {}

  /// Scrolls a page of `count` lines.
  mutating func reduce(_ action: Action, count: Int, _ env: ScreenEnvironment) -> [Effect] {
    if case .move(let move) = action { page.scroll(move, count: count, height: env.layout.pageHeight) }
    return []
  }
}
