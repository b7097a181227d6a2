import RapportDomain

/// The board: the accounts as tiles in R, Y, G and ? columns, grouped by owner or by tier, with a
/// cursor on one tile. The cursor follows its account (by id), not its place: when the board changes
/// under it (another writer's append, a regroup) it finds the account again, and when the account
/// left the board, the nearest remaining tile.
public struct BoardState: Sendable, Equatable {
  public enum Grouping: String, Sendable {
    case owner, tier
  }

  public var grouping: Grouping = .owner
  /// The account under the cursor (nil while the board has none).
  public var selected: String?
  /// Where the cursor is on the board, kept so that the nearest tile is found when its account leaves.
  public var place = BoardPlace()
  /// The first board line shown.
  public var scroll = 0

  public init() {}

  mutating func reduce(_ action: Action, _ env: ScreenEnvironment) -> [Effect] {
    let layout = env.projection.board.layout(grouping)
    let height = BoardView.tileHeight(env.layout.body)
    switch action {
    case .regroup:
      grouping = grouping == .owner ? .tier : .owner
      scroll = 0
      follow(env)
      return []
    case .move(let move):
      if let next = Self.moved(move, from: place, in: layout, height: height) { place = next }
    case .moveColumn(let step):
      if let next = Self.across(step, from: place, in: layout) { place = next }
    case .pick(.tile(let picked)): place = picked
    case .toggleDetail:
      guard let row = layout.row(at: place) else { return [.say("no account on the board")] }
      return [.send(.openAccount(env.projection.rows[row].account.slug))]
    default: return []
    }
    settle(layout, env.projection.rows, height: height)
    return []
  }

  /// Finds the selected account again on the board as it is now (after a change, a regroup, a resize,
  /// coming back to the screen); if it is gone, the tile nearest to where it was.
  mutating func follow(_ env: ScreenEnvironment) {
    let layout = env.projection.board.layout(grouping)
    if let selected, let found = layout.places[selected] {
      place = found
    } else if layout.row(at: place) == nil {
      place =
        Self.nearest(column: place.column, line: layout.line(of: clampedGroup(place, layout)), in: layout)
        ?? BoardPlace()
    }
    settle(layout, env.projection.rows, height: BoardView.tileHeight(env.layout.body))
  }

  /// Records the account at `place` and scrolls it into view (with its group's heading when it is the
  /// group's first row).
  private mutating func settle(_ layout: BoardSummary.Layout, _ rows: [Assessment], height: Int) {
    selected = layout.row(at: place).map { rows[$0].account.slug }
    let line = layout.line(of: place)
    let top = place.row == 0 ? max(0, line - 1) : line
    if top < scroll { scroll = top }
    if line >= scroll + height { scroll = line - height + 1 }
    scroll = max(0, min(scroll, layout.lines - height))
  }

  /// `place` with its group within the board (groups may have gone).
  private func clampedGroup(_ place: BoardPlace, _ layout: BoardSummary.Layout) -> BoardPlace {
    var place = place
    place.group = max(0, min(place.group, layout.groups.count - 1))
    place.row = max(0, place.row)
    return place
  }

  /// The tile a vertical move reaches from `place`, in the same column (nil: none).
  static func moved(_ move: ListCursor.Move, from place: BoardPlace, in layout: BoardSummary.Layout, height: Int)
    -> BoardPlace?
  {
    let groups = layout.groups
    guard groups.indices.contains(place.group) else { return nearest(column: place.column, line: 0, in: layout) }
    let column = place.column
    let page = ListCursor.page(height)
    switch move {
    case .down:
      if place.row + 1 < groups[place.group].tiles[column].count {
        return BoardPlace(group: place.group, column: column, row: place.row + 1)
      }
      return groups.indices.dropFirst(place.group + 1).first { !groups[$0].tiles[column].isEmpty }.map {
        BoardPlace(group: $0, column: column, row: 0)
      }
    case .up:
      if place.row > 0 { return BoardPlace(group: place.group, column: column, row: place.row - 1) }
      return groups.indices.prefix(place.group).last { !groups[$0].tiles[column].isEmpty }.map {
        BoardPlace(group: $0, column: column, row: groups[$0].tiles[column].count - 1)
      }
    case .first: return nearest(column: column, line: 0, in: layout)
    case .last: return nearest(column: column, line: layout.lines, in: layout)
    case .pageDown: return nearest(column: column, line: layout.line(of: place) + page, in: layout)
    case .pageUp: return nearest(column: column, line: layout.line(of: place) - page, in: layout)
    }
  }

  /// The tile a step left (`-1`) or right (`+1`) reaches: the next column of the group that has tiles,
  /// at the same row or its last (nil: none that way).
  static func across(_ step: Int, from place: BoardPlace, in layout: BoardSummary.Layout) -> BoardPlace? {
    guard layout.groups.indices.contains(place.group) else { return nil }
    let tiles = layout.groups[place.group].tiles
    var column = place.column + step
    while tiles.indices.contains(column) {
      if !tiles[column].isEmpty {
        return BoardPlace(group: place.group, column: column, row: min(place.row, tiles[column].count - 1))
      }
      column += step
    }
    return nil
  }

  /// The tile of `column` nearest to board line `line` (the closer of the groups above and below when
  /// the group at that line has none in it); any tile when the column is empty.
  static func nearest(column: Int, line: Int, in layout: BoardSummary.Layout) -> BoardPlace? {
    let groups = layout.groups
    guard !groups.isEmpty else { return nil }
    let target = max(0, min(line, layout.lines - 1))
    let index = layout.group(atLine: target)
    let count = groups[index].tiles[column].count
    if count > 0 {
      return BoardPlace(group: index, column: column, row: max(0, min(target - groups[index].line - 1, count - 1)))
    }
    let below = groups.indices.dropFirst(index + 1).first { !groups[$0].tiles[column].isEmpty }.map {
      BoardPlace(group: $0, column: column, row: 0)
    }
    let above = groups.indices.prefix(index).last { !groups[$0].tiles[column].isEmpty }.map {
      BoardPlace(group: $0, column: column, row: groups[$0].tiles[column].count - 1)
    }
    switch (above, below) {
    case (let above?, let below?):
      return target - layout.line(of: above) <= layout.line(of: below) - target ? above : below
    case (let above?, nil): return above
    case (nil, let below?): return below
    case (nil, nil):
      // Nothing in this column anywhere: the first tile of the group at that line, else of the board.
      let group =
        groups.indices.contains(index) && groups[index].count > 0
        ? index
        : groups.indices.first {
          groups[$0].count > 0
        }
      guard let group, let first = groups[group].tiles.firstIndex(where: { !$0.isEmpty }) else { return nil }
      return BoardPlace(group: group, column: first, row: 0)
    }
  }
}
