/// The board: grouped by owner or by tier, scrolled.
public struct BoardState: Sendable, Equatable {
  public enum Grouping: String, Sendable {
    case owner, tier
  }

  public var grouping: Grouping = .owner
  public var page = ListCursor()

  public init() {}

  mutating func reduce(_ action: Action, _ env: ScreenEnvironment) -> [Effect] {
    switch action {
    case .regroup:
      grouping = grouping == .owner ? .tier : .owner
      page = ListCursor()
    case .move(let move):
      page.scroll(move, count: BoardView.lineCount(env.projection.board, grouping), height: env.layout.pageHeight)
    default: break
    }
    return []
  }
}
