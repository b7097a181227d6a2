import RapportText

/// The mouse: a click on a tab of the title bar shows that screen; a click on a row of the account list,
/// the timeline or the due list selects it (on the row already selected, it does what Enter does there);
/// the wheel does what ↑ and ↓ do where the keys go, three rows a turn. While a form, the filter or an
/// action item is typed the mouse does nothing: the text keeps the keys.
extension Dashboard {
  /// Rows one turn of the wheel moves (one card in the standup).
  static let wheelRows = 3

  mutating func handleMouse(_ event: MouseEvent) -> KeyOutcome {
    let context = keyContext
    guard !context.takesText else { return .redraw }
    switch event.button {
    case .wheelUp, .wheelDown:
      let key: Key = event.button == .wheelUp ? .up : .down
      guard let action = KeyTable.action(for: key, in: context) else { return .redraw }
      var outcome = KeyOutcome.redraw
      for _ in 0..<(context == .standup ? 1 : Self.wheelRows) { outcome = send(action) }
      return outcome
    case .left:
      if event.row == 0 {
        guard let tab = TitleBar.tab(atColumn: event.column) else { return .redraw }
        return send(tab.action)
      }
      guard let pick = pick(atRow: event.row, column: event.column) else { return .redraw }
      // Again on the row under the cursor: what Enter does there (open the account, read the entry
      // whole, close the play), but never a way out of the detail.
      if isPicked(pick), let enter = KeyTable.action(for: .enter, in: context),
        !(context == .accountDetail && enter == .toggleDetail)
      {
        return send(enter)
      }
      return send(.pick(pick))
    }
  }

  /// The row of a list under (row, column) on the screen showing, as the layout of the current size
  /// draws it; nil outside every list (and under the standup, which takes the whole body).
  func pick(atRow row: Int, column: Int) -> ListPick? {
    guard state.standup == nil else { return nil }
    let env = environment()
    switch state.screen {
    case .main: return state.accounts.pick(atRow: row, column: column, env)
    case .due: return state.due.pick(atRow: row, column: column, env)
    case .board: return state.board.pick(atRow: row, column: column, env)
    case .reports, .help: return nil
    }
  }

  /// Whether `pick` is the row already under the cursor, in the pane that has the keys.
  private func isPicked(_ pick: ListPick) -> Bool {
    switch pick {
    case .account(let index): return state.accounts.focus == .list && state.selected == index
    case .timelineEntry(let index):
      return state.accounts.focus == .detail && state.accounts.timeline.selection == index
    case .play(let index): return state.screen == .due && state.due.cursor.selection == index
    case .tile(let place): return state.screen == .board && state.board.place == place
    }
  }
}

extension TitleBar {
  /// The tab drawn at `column` of the title bar (each is its name between two blanks or brackets, after
  /// " Rapport "); nil between or after them.
  static func tab(atColumn column: Int) -> Tab? {
    var start = TerminalText.width(of: " Rapport ")
    for (tab, name) in names {
      let width = TerminalText.width(of: name) + 2
      if (start..<start + width).contains(column) { return tab }
      start += width
    }
    return nil
  }
}

extension Rect {
  /// Whether the cell (row, column) is inside.
  func contains(row: Int, column: Int) -> Bool {
    (self.row..<bottom).contains(row) && (self.column..<self.column + width).contains(column)
  }
}
