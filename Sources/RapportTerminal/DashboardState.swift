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
  /// Index into the filtered account list.
  public var selected = 0
  /// First list row shown.
  public var listScroll = 0
  /// First row shown on the board, due, reports and help screens, and in the timeline.
  public var pageScroll = 0
  public var timelineScroll = 0
  /// The timeline entry the cursor is on (index, newest first) while the detail has the keys: `u`
  /// retracts it.
  public var timelineCursor = 0
  /// The play the cursor is on in the due screen (index into the list shown); `t` closes it.
  public var dueCursor = 0
  public var filter = ""
  public var isEditingFilter = false
  public var focus: Pane = .list
  /// The selected account's detail is open (Enter; Esc or Enter closes it): below the split size
  /// (`MainView.isSplit`) it replaces the list full-screen; above it, the detail pane has the keys.
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
