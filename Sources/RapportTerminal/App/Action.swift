import RapportDomain
import RapportJournal

/// Everything that can happen to the dashboard, as one type: what a key means (from the key table),
/// the terminal's size, and the results of the effects the loop ran. Keys never reach the screens
/// directly; this does.
public enum Action: Sendable, Equatable {
  // Anywhere.
  case quit
  /// Open the last message in full.
  case readMessage
  case repaint
  case show(DashboardState.Screen)
  /// Esc where it means "one step back": out of the detail, else clear the filter; pause the standup;
  /// leave the standup's summary.
  case back
  /// A cursor step: the list, the timeline, the due plays, a page, the standup's cards, a form's field.
  case move(ListCursor.Move)

  // The account list and detail.
  case toggleDetail
  case editFilter
  case toggleRetracted
  /// The timeline entry under the cursor, read whole (or closed again).
  case readEntry
  case openForm(FormKind)

  // The board, the due screen, the standup.
  /// The board by owner or tier; the standup's cards grouped by owner or not.
  case regroup
  /// The board's cursor a column left (-1) or right (+1).
  case moveColumn(Int)
  /// Open this account: the account list, the account selected, its detail open (Enter on the board).
  case openAccount(String)
  case toggleDueScope
  case closePlay
  /// Resume the standup in progress, else start one for `owner` (everyone when nil).
  case startStandup(owner: String?)
  case markDiscussed
  case skip
  case addActionItem
  case finishStandup
  /// The standup: a note on the card; every account or those that need the meeting; the summary as
  /// Markdown, copied; the card scrolled (cards taller than the screen).
  case writeNote
  case toggleAllAccounts
  case copySummary
  case scrollCard(ListCursor.Move)

  // Undo (`U`) and the yes/no question (`Confirmation`).
  /// Ask to undo this session's last entry still in effect.
  case undo
  /// Undo it (the question's yes).
  case undoEntry(UndoStep)
  /// The answer to the y/n question showing (the standup's, or a `Confirmation`'s).
  case answer(Bool)

  /// The filter's text changed: the list is filtered again.
  case filtered

  // Typing (a form, the filter, an action item).
  case type(Character)
  case erase
  case submit
  case cancel
  case nextField
  case previousField
  /// Moving a form field's cursor, deleting around it (← → on a strict choice step through its options).
  case editLine(LineEdit)
  case openEditor

  // The mouse.
  /// A row of a list clicked: select it (the shell hit-tests the click against the layout).
  case pick(ListPick)

  // From outside the key table.
  /// The terminal's size (before the first frame, after every resize).
  case resized(TerminalSize)
  /// The text written in `$EDITOR` (nil: the editor failed).
  case edited(String?)
  /// Records were folded into the desk (this dashboard's save or other writers' appends): the read
  /// model takes them. The one path for both.
  case changed(Desk.Changes)
  /// The journal could not be read.
  case unreadable(String)
  /// A write asked for by `origin` was appended as `records`.
  case saved([Record], for: WriteOrigin)
  /// A write asked for by `origin` was refused (a rule, a conflict, the file system), with the reason.
  case refused(String, for: WriteOrigin)
}

/// The forms a key opens, each named by what it records.
public enum FormKind: String, Sendable, Equatable, CaseIterable {
  case touchpoint, nps, owner, handoff, stage, account, criterion, valueNote, retraction
}
