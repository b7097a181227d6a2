/// A row of a list under a click, found by the shell from the layout: which list, and the index of the
/// item in it as shown.
public enum ListPick: Sendable, Equatable {
  /// An account of the filtered account list.
  case account(Int)
  /// An entry of the selected account's timeline (newest first, as shown).
  case timelineEntry(Int)
  /// A play of the due screen (as shown: the user's or everyone's).
  case play(Int)
  /// A tile of the board.
  case tile(BoardPlace)
}
