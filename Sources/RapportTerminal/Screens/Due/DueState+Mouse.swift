/// Clicks on the due screen: its rows of plays, under the heading and the column header, as `DueView`
/// draws them (through the same `DueView.Window`).
extension DueState {
  /// The play drawn at (row, column), if any.
  func pick(atRow row: Int, column: Int, _ env: ScreenEnvironment) -> ListPick? {
    let body = env.layout.body
    guard body.contains(row: row, column: column), row >= body.row + 2 else { return nil }
    let plays = plays(env)
    let window = DueView.Window(self, plays: plays, today: env.today, body: body)
    let offset = row - body.row - 2
    guard offset < window.shown, let index = window.play(atLine: window.first + offset) else { return nil }
    return plays.indices.contains(index) ? .play(index) : nil
  }

  /// Moves the cursor to the play a click picked.
  mutating func select(_ pick: ListPick, _ env: ScreenEnvironment) {
    guard case .play(let index) = pick else { return }
    cursor.select(index, count: plays(env).count, height: Self.height(env.layout))
  }
}
