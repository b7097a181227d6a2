/// Clicks on the due screen: its rows of plays, under the heading and the column header, as `DueView`
/// draws them (a page whose first line is the header).
extension DueState {
  /// The play drawn at (row, column), if any.
  func pick(atRow row: Int, column: Int, _ env: ScreenEnvironment) -> ListPick? {
    let body = env.layout.body
    guard body.contains(row: row, column: column), row > body.row else { return nil }
    let count = plays(env).count
    let lines = 1 + max(1, count)
    let height = body.height - 1
    let first = ListCursor.clamped(cursor.firstShown(height: body.height - 2), count: lines, height: height)
    // Line 0 of the page is the column header; play i is line i + 1.
    let index = first + row - body.row - 1 - 1
    return (0..<count).contains(index) ? .play(index) : nil
  }

  /// Moves the cursor to the play a click picked.
  mutating func select(_ pick: ListPick, _ env: ScreenEnvironment) {
    guard case .play(let index) = pick else { return }
    cursor.select(index, count: plays(env).count, height: Self.height(env.layout))
  }
}
