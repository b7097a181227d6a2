/// A cursor over a list shown a window of rows at a time: which item is selected, which item is the
/// first shown, how far a page goes, and the clamping that keeps both in range. Every list and every
/// scrolling page of the dashboard uses it; the number of items and the window's height are passed in
/// (they come from the read model and the layout), so the cursor never holds stale sizes.
public struct ListCursor: Sendable, Equatable {
  /// A step of the cursor, as the key table names it.
  public enum Move: Sendable, Equatable, Hashable {
    case down, up, first, last, pageDown, pageUp
  }

  /// The selected item (0 when the list is empty).
  public var selection: Int
  /// The first item shown.
  public var scroll: Int

  public init(selection: Int = 0, scroll: Int = 0) {
    self.selection = selection
    self.scroll = scroll
  }

  /// How far a page moves in a window of `height` rows: one row less, so that one row stays in view.
  public static func page(_ height: Int) -> Int { max(1, height - 1) }

  /// Moves the selection over `count` items in a window of `height` rows; the window follows it.
  public mutating func move(_ move: Move, count: Int, height: Int) {
    switch move {
    case .down: selection += 1
    case .up: selection -= 1
    case .first: selection = 0
    case .last: selection = count - 1
    case .pageDown: selection += Self.page(height)
    case .pageUp: selection -= Self.page(height)
    }
    clamp(count: count, height: height)
  }

  /// Scrolls a page of `count` lines without a selection (board, reports, help, a summary): the window
  /// itself moves, and stops where the last line shows.
  public mutating func scroll(_ move: Move, count: Int, height: Int) {
    switch move {
    case .down: scroll += 1
    case .up: scroll -= 1
    case .first: scroll = 0
    case .last: scroll = count
    case .pageDown: scroll += Self.page(height)
    case .pageUp: scroll -= Self.page(height)
    }
    scroll = Self.clamped(scroll, count: count, height: height)
  }

  /// Selects `index` (clamped) and scrolls it into view.
  public mutating func select(_ index: Int, count: Int, height: Int) {
    selection = index
    clamp(count: count, height: height)
  }

  /// Keeps the selection on an item and in view, and the window within the list.
  public mutating func clamp(count: Int, height: Int) {
    selection = max(0, min(selection, count - 1))
    scroll = firstShown(height: height)
    scroll = Self.clamped(scroll, count: count, height: height)
  }

  /// The first item shown in a window of `height` rows: the stored scroll, moved just enough to show the
  /// selection. Drawing uses it, so a frame of another size than the last handled one still shows the
  /// selection (the stored state is not changed by drawing).
  public func firstShown(height: Int) -> Int {
    let height = max(1, height)
    var first = max(0, scroll)
    if selection < first { first = selection }
    if selection >= first + height { first = selection - height + 1 }
    return max(0, first)
  }

  /// `scroll` within `0...count - height`.
  static func clamped(_ scroll: Int, count: Int, height: Int) -> Int {
    max(0, min(scroll, count - max(1, height)))
  }
}
