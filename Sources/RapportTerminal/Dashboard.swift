import RapportDomain
import RapportText

/// The full-screen dashboard: a `Desk` kept current, the rules' view of it, and `DashboardState`.
/// Keys change the state; `render` draws the current screen into a canvas of any size.
public struct Dashboard: Screen {
  public internal(set) var desk: Desk
  public let today: Day
  public var theme: Theme
  public let readOnly: Bool
  /// Why the dashboard is read-only, for the message shown when a write key is pressed.
  public let readOnlyReason: String
  public internal(set) var state = DashboardState()

  /// Every account assessed, unowned first, then worst health first.
  public private(set) var rows: [Assessment] = []
  /// Lowercased "name slug owner" per row, for the filter.
  private var searchKeys: [String] = []
  /// Indices into `rows` that pass the filter, in order.
  public private(set) var visible: [Int] = []
  /// The metrics report, computed when the reports screen is first shown after a change.
  private var reportCache: MetricsReport?
  /// Sizes the last render used (page keys and scrolling need them; `render` cannot change the state).
  let layout = LayoutMemo()

  public init(
    desk: Desk, today: Day, theme: Theme = .fallback, readOnly: Bool = false,
    readOnlyReason: String = "opened read-only or the journal is not writable"
  ) {
    self.desk = desk
    self.today = today
    self.theme = theme
    self.readOnly = readOnly
    self.readOnlyReason = readOnlyReason
    rebuild()
  }

  public var user: String { desk.user }
  public var journalName: String {
    desk.journal.path.split(separator: "/").last.map(String.init) ?? desk.journal.path
  }
  public var recordCount: Int { desk.position.lastSeq }

  /// The selected account's assessment, if the filtered list is not empty.
  public var selection: Assessment? {
    visible.indices.contains(state.selected) ? rows[visible[state.selected]] : nil
  }

  // MARK: Keeping current

  public mutating func poll() -> Bool {
    let keep = selection?.account.slug
    let arrived: Int
    do {
      arrived = try desk.refresh()
    } catch {
      state.message = "cannot read the journal: \(error)"
      return true
    }
    guard arrived > 0 else { return false }
    rebuild(keeping: keep)
    return true
  }

  /// Rebuilds the rows and keeps `slug` selected if it is still visible.
  mutating func rebuild(keeping slug: String?) {
    rebuild()
    if let slug, let index = visible.firstIndex(where: { rows[$0].account.slug == slug }) {
      state.selected = index
    }
    clampSelection()
  }

  private mutating func rebuild() {
    let board = Assessor(book: desk.book, today: today).board()
    // Unowned accounts first and loud, then the board's worst-first order (stable partition).
    rows = board.filter { $0.account.owner == nil } + board.filter { $0.account.owner != nil }
    searchKeys = rows.map { item in
      (item.account.name + " " + item.account.slug + " " + (item.account.owner ?? "")).lowercased()
    }
    reportCache = nil
    applyFilter()
  }

  private mutating func applyFilter() {
    let needle = state.filter.lowercased()
    visible = needle.isEmpty ? Array(rows.indices) : rows.indices.filter { searchKeys[$0].contains(needle) }
    clampSelection()
  }

  private mutating func clampSelection() {
    state.selected = max(0, min(state.selected, visible.count - 1))
    let height = max(1, layout.listHeight)
    if state.selected < state.listScroll { state.listScroll = state.selected }
    if state.selected >= state.listScroll + height { state.listScroll = state.selected - height + 1 }
    state.listScroll = max(0, min(state.listScroll, max(0, visible.count - height)))
  }

  /// The metrics by quarter over the last four quarters.
  public var report: MetricsReport {
    reportCache ?? MetricsReport(book: desk.book, today: today, period: .quarter)
  }

  /// Open plays, overdue first then by due date, for the user or everyone.
  public var duePlays: [Play] {
    let plays = PlayBook(book: desk.book, today: today, config: desk.book.config(asOf: today)).allPlays()
    let chosen = state.dueScope == .mine ? plays.filter { $0.owner == user } : plays
    return chosen.sorted { left, right in
      let leftLate = left.isOverdue(on: today)
      let rightLate = right.isOverdue(on: today)
      if leftLate != rightLate { return leftLate }
      return (left.due, left.account, left.code.rawValue) < (right.due, right.account, right.code.rawValue)
    }
  }

  // MARK: Keys

  public mutating func handle(_ key: Key) -> KeyOutcome {
    state.message = nil
    if key == .control("l") { return .repaint }
    if key == .resize {
      clampSelection()
      return .repaint
    }
    if state.form != nil { return editForm(key) }
    if state.isEditingFilter { return editFilter(key) }
    switch key {
    case .character("q"): return .quit
    case .character("?"): show(.help)
    case .character("b"): show(.board)
    case .character("d"): show(.due)
    case .character("r"):
      if reportCache == nil { reportCache = MetricsReport(book: desk.book, today: today, period: .quarter) }
      show(.reports)
    case .character("m"): show(.main)
    case .escape:
      if state.screen != .main {
        show(.main)
      } else if !state.filter.isEmpty {
        state.filter = ""
        applyFilter()
      }
    default:
      if state.screen == .main { handleMain(key) } else { handlePage(key) }
    }
    return .redraw
  }

  private mutating func show(_ screen: DashboardState.ScreenKind) {
    if state.screen != screen { state.pageScroll = 0 }
    state.screen = screen
  }

  private mutating func editFilter(_ key: Key) -> KeyOutcome {
    switch key {
    case .enter: state.isEditingFilter = false
    case .escape:
      state.isEditingFilter = false
      state.filter = ""
    case .backspace, .delete:
      if !state.filter.isEmpty { state.filter.removeLast() }
    case .character(let character):
      if state.filter.count < 200 { state.filter.append(character) }
    default: break
    }
    state.selected = 0
    state.listScroll = 0
    applyFilter()
    return .redraw
  }

  private mutating func handleMain(_ key: Key) {
    switch key {
    case .character("/"):
      state.isEditingFilter = true
      state.filter = ""
      applyFilter()
      state.focus = .list
    case .tab, .backTab: state.focus = state.focus == .list ? .detail : .list
    case .character("x"):
      state.showRetracted.toggle()
      state.timelineScroll = 0
    case .character(let key) where Self.formKeys.contains(where: { $0.key == key }): openForm(key)
    default:
      if state.focus == .list { moveSelection(key) } else { scrollTimeline(key) }
    }
  }

  private mutating func moveSelection(_ key: Key) {
    let page = max(1, layout.listHeight - 1)
    let before = state.selected
    switch key {
    case .character("j"), .down: state.selected += 1
    case .character("k"), .up: state.selected -= 1
    case .character("g"), .home: state.selected = 0
    case .character("G"), .end: state.selected = visible.count - 1
    case .pageDown: state.selected += page
    case .pageUp: state.selected -= page
    default: return
    }
    clampSelection()
    if state.selected != before { state.timelineScroll = 0 }
  }

  private mutating func scrollTimeline(_ key: Key) {
    let page = max(1, layout.timelineHeight - 1)
    switch key {
    case .character("j"), .down: state.timelineScroll += 1
    case .character("k"), .up: state.timelineScroll -= 1
    case .character("g"), .home: state.timelineScroll = 0
    case .character("G"), .end: state.timelineScroll = Int.max / 2
    case .pageDown: state.timelineScroll += page
    case .pageUp: state.timelineScroll -= page
    default: return
    }
    state.timelineScroll = max(0, min(state.timelineScroll, max(0, layout.timelineLength - layout.timelineHeight)))
  }

  private mutating func handlePage(_ key: Key) {
    if state.screen == .board, key == .character("o") {
      state.boardGrouping = state.boardGrouping == .owner ? .tier : .owner
      state.pageScroll = 0
      return
    }
    if state.screen == .due, key == .character("e") {
      state.dueScope = state.dueScope == .mine ? .everyone : .mine
      state.pageScroll = 0
      return
    }
    let page = max(1, layout.pageHeight - 1)
    switch key {
    case .character("j"), .down: state.pageScroll += 1
    case .character("k"), .up: state.pageScroll -= 1
    case .character("g"), .home: state.pageScroll = 0
    case .character("G"), .end: state.pageScroll = Int.max / 2
    case .pageDown: state.pageScroll += page
    case .pageUp: state.pageScroll -= page
    default: return
    }
    state.pageScroll = max(0, min(state.pageScroll, max(0, layout.pageLength - layout.pageHeight)))
  }

  // MARK: Drawing

  public static let minimumRows = 24
  public static let minimumColumns = 80

  public func render(into canvas: inout Canvas) {
    canvas.fill(row: 0, column: 0, height: canvas.rows, width: canvas.columns, style: theme[.normal])
    guard canvas.rows >= Self.minimumRows, canvas.columns >= Self.minimumColumns else {
      TooSmallView.draw(into: &canvas, theme: theme)
      return
    }
    let body = Rect(row: 1, column: 0, height: canvas.rows - 2, width: canvas.columns)
    TitleBar.draw(self, into: &canvas)
    switch state.screen {
    case .main: MainView.draw(self, in: body, into: &canvas)
    case .board: BoardView.draw(self, in: body, into: &canvas)
    case .due: DueView.draw(self, in: body, into: &canvas)
    case .reports: ReportsView.draw(self, in: body, into: &canvas)
    case .help: HelpView.draw(self, in: body, into: &canvas)
    }
    if let form = state.form { FormView.draw(form, dashboard: self, in: body, into: &canvas) }
    StatusLine.draw(self, into: &canvas)
  }
}

/// What the last render measured; a reference so that `render` (not mutating) can leave it for `handle`.
final class LayoutMemo: @unchecked Sendable {
  var listHeight = 8
  var timelineHeight = 6
  var timelineLength = 0
  var pageHeight = 20
  var pageLength = 0
}
