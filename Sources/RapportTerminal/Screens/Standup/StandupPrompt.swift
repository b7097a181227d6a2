import RapportDomain

/// A question the standup asks before going on, answered with `y` or `n` (Esc: no, or back to the list
/// for `earlier`).
public enum StandupPrompt: Sendable, Equatable {
  /// `q` with cards left.
  case quit
  /// `F` with cards left.
  case finish
  /// `S` found a standup started on an earlier day and still open: resume it, or start a new one.
  case earlier(OpenStandup)

  /// The question, with what each answer does.
  func question(_ session: StandupSession) -> String {
    let left = Self.cards(session.cardsLeft)
    switch self {
    case .quit:
      let kept =
        session.open == nil
        ? "nothing is recorded yet" : "the standup stays open in the journal: S resumes it, here or elsewhere"
      return "\(left) to go. Quit? y quits (\(kept)) · n stays"
    case .finish:
      return "\(left) to go. Finish now? y records the standup with them as not reached · n goes on"
    case .earlier(let open):
      let done = open.discussed.count + open.skipped.count
      return "A standup started \(open.day) by \(open.startedBy) is still open (\(done) of \(open.agenda.count) "
        + "cards done). y resumes it · n starts a new one for today · Esc back to the list"
    }
  }

  private static func cards(_ count: Int) -> String { count == 1 ? "1 card" : "\(count) cards" }
}
