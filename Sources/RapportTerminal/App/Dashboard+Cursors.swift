import RapportDomain

extension Dashboard {
  /// Puts the board's and the due screen's cursors back on their entries (the one showing: the other
  /// is followed when it shows again), after the read model, the size or the screen changed.
  mutating func followCursors(_ env: ScreenEnvironment) {
    switch state.screen {
    case .due: state.due.follow(env)
    case .board: state.board.follow(env)
    case .main, .reports, .help: break
    }
  }

  /// Opens `slug` on the account list, its detail open: the filter is cleared first when it hides it.
  mutating func openAccount(_ slug: String) -> [Effect] {
    let effects = show(.main)
    if let index = visible.firstIndex(where: { rows[$0].account.slug == slug }) {
      state.accounts.open(at: index, environment())
      return effects
    }
    guard state.accounts.filter.isEmpty else {
      state.accounts.filter = ""
      return effects + [.send(.filtered), .send(.openAccount(slug))]
    }
    return effects + [.say("\(slug) is no longer in the book")]
  }
}
