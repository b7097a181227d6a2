import RapportDomain

/// What handling an action asks for beyond changing the state: the loop runs it and feeds its result
/// back as an action. A reducer never writes the journal, reads the clock or starts a thread itself.
public enum Effect: Sendable, Equatable {
  /// Append `command` to the journal as the dashboard's user, now; the result comes back as
  /// `.saved(records, for: origin)` or `.refused(reason, for: origin)`.
  case perform(Command, for: WriteOrigin)
  /// Compute the metrics report of the current book in the background; the next poll shows it.
  case computeReport
  /// Send this action next (a screen asking the shell, e.g. to show another screen).
  case send(Action)
  /// Open the modal slot with this (a form, the filter, the standup).
  case present(Modal)
  /// Close the modal slot.
  case dismiss
  /// Show this message in the status line until the next key.
  case say(String)
  /// Something changed on screen (the loop redraws).
  case redraw
  /// Redraw every cell (Ctrl-L, a resize).
  case repaint
  /// Open the text in `$EDITOR`; the result comes back as `.edited`.
  case edit(String)
  /// Put `text` on the clipboard (OSC 52) and say so, naming `what`; where the terminal cannot, say
  /// why and `elsewhere` (where else to get it).
  case copy(String, what: String, elsewhere: String)
  case quit
}

/// Who asked for a write, so that its result goes back there.
public enum WriteOrigin: Sendable, Equatable {
  /// The entry form (closed on success, its errors shown on refusal).
  case form
  /// A step of the standup: a card reviewed or noted, the agenda changed, the standup recorded (`F`).
  case standup
  /// Undoing an entry (`U`).
  case undo(UndoStep)
}
