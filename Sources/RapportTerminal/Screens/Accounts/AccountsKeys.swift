import RapportDomain

/// The account list and the selected account's detail: the selection, the detail pane, the timeline's
/// cursor, the filter.
extension Dashboard {
  mutating func reduceAccounts(_ action: Action) {
    switch action {
    case .back:
      if state.focus == .detail {
        openDetail(false)
      } else if !state.filter.isEmpty {
        state.filter = ""
        applyFilter()
      }
    case .move(let move):
      if state.focus == .list {
        let before = state.selected
        state.list.move(move, count: visible.count, height: layout.listHeight)
        if state.selected != before { resetTimeline() }
      } else {
        state.timeline.move(move, count: timelineEntries.count, height: timelineHeight)
      }
    case .toggleDetail: openDetail(state.focus == .list)
    case .editFilter:
      state.isEditingFilter = true
      state.filter = ""
      applyFilter()
      openDetail(false)
    case .toggleRetracted:
      state.showRetracted.toggle()
      resetTimeline()
    case .openForm(let kind): openForm(kind)
    default: break
    }
  }

  /// Opens the selected account's detail (full-screen below the split size, else the detail pane takes
  /// the keys), or goes back to the list.
  private mutating func openDetail(_ open: Bool) {
    guard !open || selection != nil else { return }
    state.isDetailOpen = open
    state.focus = open ? .detail : .list
  }

  /// Back to the newest timeline entry (another account, or other entries shown).
  mutating func resetTimeline() {
    state.timeline = ListCursor()
  }

  /// Timeline entries the detail shows at the current size.
  var timelineHeight: Int { layout.timelineHeight(thin: selection?.health.isThin ?? false) }

  /// The filter being typed: the list narrows with every key, from its first row.
  mutating func reduceFilter(_ action: Action) {
    switch action {
    case .submit: state.isEditingFilter = false
    case .cancel:
      state.isEditingFilter = false
      state.filter = ""
    case .erase:
      if !state.filter.isEmpty { state.filter.removeLast() }
    case .type(let character):
      if state.filter.count < 200 { state.filter.append(character) }
    default: return
    }
    state.list = ListCursor()
    applyFilter()
  }
}
