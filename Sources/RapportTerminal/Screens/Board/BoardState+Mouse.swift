/// Clicks on the board: its tiles, under the header lines, as `BoardView` draws them (the same scroll,
/// the same column width).
extension BoardState {
  /// The tile drawn at (row, column), if any.
  func pick(atRow row: Int, column: Int, _ env: ScreenEnvironment) -> ListPick? {
    let body = env.layout.body
    guard body.contains(row: row, column: column), row >= body.row + BoardView.headerLines else { return nil }
    let layout = env.projection.board.layout(grouping)
    let height = BoardView.tileHeight(body)
    let index = max(0, min(scroll, layout.lines - height)) + row - body.row - BoardView.headerLines
    guard index < layout.lines, !layout.groups.isEmpty else { return nil }
    let group = layout.group(atLine: index)
    // A group's heading is not a tile.
    guard index > layout.groups[group].line else { return nil }
    let width = BoardView.columnWidth(body.width)
    let offset = column - body.column
    // Each column is `width` wide with a blank after it.
    guard offset % (width + 1) < width else { return nil }
    let place = BoardPlace(group: group, column: offset / (width + 1), row: index - layout.groups[group].line - 1)
    guard BoardSummary.columns.indices.contains(place.column), layout.row(at: place) != nil else { return nil }
    return .tile(place)
  }
}
