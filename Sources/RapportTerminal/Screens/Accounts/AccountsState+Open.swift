extension AccountsState {
  /// Selects the account at `index` of the filtered list and opens its detail (from the board's Enter).
  mutating func open(at index: Int, _ env: ScreenEnvironment) {
    list.select(index, count: env.projection.visible.count, height: env.layout.listHeight)
    timeline = ListCursor()
    isDetailOpen = true
    focus = .detail
  }
}
