/// The dashboard's own state, apart from the book: which screen, what is selected, what is filtered.
/// A plain value, changed only by `Dashboard.handle(_:)` and `poll()`.
public struct DashboardState: Sendable, Equatable {
  public enum ScreenKind: String, Sendable, CaseIterable {
    case main, board, due, reports, help, standup
  }

  public enum Pane: Sendable, Equatable {
    case list, detail
  }

  public enum BoardGrouping: String, Sendable {
    case owner, tier
  }

  public enum DueScope: String, Sendable {
    case mine, everyone
  }

  public var screen: ScreenKind = .main
  /// The terminal's size, as the last resize said (the layout follows from it).
  public var size = TerminalSize.minimum
  /// The account list's cursor, over the filtered list.
  public var list = ListCursor()
  /// The timeline's cursor (newest first) while the detail has the keys: `u` retracts its entry.
  public var timeline = ListCursor()
  /// The due screen's cursor over the plays shown; `t` closes its play.
  public var duePlays = ListCursor()
  /// The scroll of the board, reports, help and the standup summary (no selection).
  public var page = ListCursor()

  /// Index into the filtered account list.
  public var selected: Int {
    get { list.selection }
    set { list.selection = newValue }
  }
  /// First list row shown.
  public var listScroll: Int { list.scroll }
  /// First line shown on the board, reports and help screens.
  public var pageScroll: Int { page.scroll }
  /// The timeline entry the cursor is on.
  public var timelineCursor: Int { timeline.selection }
  /// The play the cursor is on in the due screen (index into the list shown).
  public var dueCursor: Int { duePlays.selection }
  public var filter = ""
  public var isEditingFilter = false
  public var focus: Pane = .list
  /// The selected account's detail is open (Enter; Esc or Enter closes it): below the split size
  /// (`Layout.isSplit`) it replaces the list full-screen; above it, the detail pane has the keys.
  /// Kept equal to `focus == .detail` by the dashboard.
  public var isDetailOpen = false
  public var showRetracted = false
  public var boardGrouping: BoardGrouping = .owner
  public var dueScope: DueScope = .mine
  /// A one-line message shown in the status line until the next key.
  public var message: String?
  /// The entry form, while one is open (drawn over the screen; it takes every key).
  public var form: EntryForm?
  /// The standup, while one runs (or was paused with Esc, or shows its summary).
  public var standup: StandupSession?

  public init() {}
}
