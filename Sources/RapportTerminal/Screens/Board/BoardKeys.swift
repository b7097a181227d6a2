/// The board: regrouping and scrolling.
extension Dashboard {
  mutating func reduceBoard(_ action: Action) {
    switch action {
    case .regroup:
      state.boardGrouping = state.boardGrouping == .owner ? .tier : .owner
      state.page = ListCursor()
    case .move(let move): scrollPage(move)
    default: break
    }
  }
}
