/// Clicks on the main screen: the account list's rows and the timeline's entries, found with the same
/// layout and scroll the views draw with.
extension AccountsState {
  /// The account or timeline entry drawn at (row, column), if any.
  func pick(atRow row: Int, column: Int, _ env: ScreenEnvironment) -> ListPick? {
    let layout = env.layout
    let list = layout.list
    // Below the split size the list and the opened detail each take the whole body.
    if layout.isSplit || !isDetailOpen, list.contains(row: row, column: column) {
      guard row > list.row else { return nil }
      let index = self.list.firstShown(height: layout.listHeight) + row - list.row - 1
      return env.projection.visible.indices.contains(index) ? .account(index) : nil
    }
    // An entry read whole covers the timeline.
    guard reading == nil, layout.isSplit || isDetailOpen, let selected = env.selection(self.list),
      layout.detail.height > 3
    else { return nil }
    let rect = AccountDetail.timelineParts(selected, layout.detailParts(thin: selected.health.isThin).timeline).timeline
    // The timeline's heading, then its entries from the first shown.
    guard rect.contains(row: row, column: column), row > rect.row else { return nil }
    let count = timelineEntries(env).count
    let height = rect.height - 1
    let first = ListCursor.clamped(timeline.firstShown(height: height), count: count, height: height)
    let index = first + row - rect.row - 1
    return (0..<count).contains(index) ? .timelineEntry(index) : nil
  }

  /// Selects what a click picked: an account (the list takes the keys), or a timeline entry (the detail
  /// takes them).
  mutating func select(_ pick: ListPick, _ env: ScreenEnvironment) {
    switch pick {
    case .account(let index):
      let before = list.selection
      list.select(index, count: env.projection.visible.count, height: env.layout.listHeight)
      if list.selection != before { timeline = ListCursor() }
      focus = .list
      isDetailOpen = false
      reading = nil
    case .timelineEntry(let index):
      focus = .detail
      isDetailOpen = true
      timeline.select(index, count: timelineEntries(env).count, height: timelineHeight(env))
    case .play, .tile: break
    }
  }
}
