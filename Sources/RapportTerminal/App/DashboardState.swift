/// The dashboard's own state, apart from the book: which screen shows, each screen's own state, the
/// modal slot, the terminal's size and the message. A plain value, changed only by the reducers.
public struct DashboardState: Sendable, Equatable {
  /// The screens, one per folder of `Screens/`.
  public enum Screen: String, Sendable, CaseIterable {
    case main, board, due, reports, help, standup
  }

  public var screen: Screen = .main
  /// The terminal's size, as the last resize said (the layout follows from it).
  public var size = TerminalSize.minimum
  public var accounts = AccountsState()
  public var board = BoardState()
  public var due = DueState()
  public var reports = PageState()
  public var help = PageState()
  public var standup = StandupState()
  /// What is typed over the screen (a form, the filter, an action item), taking every key; nil when
  /// the screen has the keys.
  public var modal: Modal?
  /// A one-line message shown in the status line until the next key.
  public var message: String?

  public init() {}

  /// Index into the filtered account list.
  public var selected: Int {
    get { accounts.list.selection }
    set { accounts.list.selection = newValue }
  }
  /// First list row shown.
  public var listScroll: Int { accounts.list.scroll }
  /// The entry form, while one is open.
  public var form: EntryForm? {
    if case .form(let form) = modal { return form }
    return nil
  }
  /// Whether the filter is being typed.
  public var isEditingFilter: Bool { modal == .filter }
}

/// The one modal slot: what is being typed over the screen. Each takes every key until Enter or Esc.
public enum Modal: Sendable, Equatable {
  /// An entry form (drawn in a box over the screen).
  case form(EntryForm)
  /// The account list's filter (its text is the list's: `AccountsState.filter`).
  case filter
  /// A standup action item in one line, and the problem with the last attempt to save it.
  case actionItem(String, error: String?)
}
