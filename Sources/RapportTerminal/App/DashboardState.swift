/// The dashboard's own state, apart from the book: which screen shows, each screen's own state, the
/// modal slot (and the standup paused out of it), the terminal's size and the message. A plain value, changed only by the reducers.
public struct DashboardState: Sendable, Equatable {
  /// The screens, one per folder of `Screens/`.
  public enum Screen: String, Sendable, CaseIterable {
    case main, board, due, reports, help
  }

  public var screen: Screen = .main
  /// The terminal's size, as the last resize said (the layout follows from it).
  public var size = TerminalSize.minimum
  public var accounts = AccountsState()
  public var board = BoardState()
  public var due = DueState()
  public var reports = PageState()
  public var help = PageState()
  /// What is over the screen (a form, the filter, the standup), taking every key; nil when the screen
  /// has the keys.
  public var modal: Modal?
  /// The standup paused with Esc (or by leaving it for another screen), resumed as it was with `S`;
  /// nil when none is paused.
  public var pausedStandup: StandupModal?
  /// A one-line message shown in the status line until the next key.
  public var message: String?
  /// The last message shown, which `!` opens in full.
  public var lastMessage: String?
  /// This session's own saves, for `U`.
  public var undo = UndoHistory()

  public init() {}

  /// Index into the filtered account list.
  public var selected: Int {
    get { accounts.list.selection }
    set { accounts.list.selection = newValue }
  }
  /// First list row shown.
  public var listScroll: Int { accounts.list.scroll }
  /// The entry form, while one is open (over the screen, or over a standup card).
  public var form: EntryForm? {
    switch modal {
    case .form(let form): return form
    case .standup(let standup):
      if case .form(let form) = standup.inner { return form }
      return nil
    case .filter, .confirm, .message, nil: return nil
    }
  }
  /// The standup, while it shows.
  public var standup: StandupModal? {
    if case .standup(let standup) = modal { return standup }
    return nil
  }
  /// Whether the filter is being typed.
  public var isEditingFilter: Bool { modal == .filter }
}

/// The one modal slot: what is over the screen, taking every key. A form or the filter until Enter or
/// Esc; the standup until it is paused (Esc) or closed after its summary.
public enum Modal: Sendable, Equatable {
  /// An entry form (drawn in a box over the screen).
  case form(EntryForm)
  /// The filter of the screen showing: the account list's (`AccountsState.filter`) or the due
  /// screen's (`DueState.filter`).
  case filter
  /// The standup (drawn full-screen under the title bar): its session, its summary's scroll, and what
  /// is typed over a card.
  case standup(StandupModal)
  /// A yes/no question (asked in the status line) before an action.
  case confirm(Confirmation)
  /// The last message, in full (`!`).
  case message(MessageReading)
}
