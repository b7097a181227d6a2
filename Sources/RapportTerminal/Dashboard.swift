import RapportDomain
import RapportJournal
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
  /// Lowercased "name slug owner" per row, as UTF-8, for the filter.
  private var searchKeys: [[UInt8]] = []
  /// Indices into `rows` that pass the filter, in order.
  public private(set) var visible: [Int] = []
  /// The journal position (last seq) the rows were assessed at.
  private var assessedSeq = 0
  /// The needle `visible` was last filtered with (nil: filter again from all rows).
  private var filtered: [UInt8]?
  /// Computes the metrics report in the background when the reports screen asks for it.
  private let reports = ReportWorker()
  /// Every open play, in the due screen's order: from the rows, kept with them.
  private var plays: [Play] = []
  /// Whether `plays` holds the rows' plays: they are gathered and sorted when the due screen first
  /// shows, not before the first frame, and then kept in step with the rows.
  private var playsGathered = false
  /// The due screen's lists (every play, the user's, the overdue counts), while it shows.
  private(set) var due = DuePlays()
  /// The screens whose derived data (due lists, board, report) is current for the rows.
  private var derived: Set<DashboardState.ScreenKind> = []
  /// The board's groups and movers, kept with the rows.
  private(set) var board = BoardSummary()
  /// This user's last save in this dashboard ("#4412 at 14:05"), shown in the status line.
  public private(set) var lastSave: String?
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
    // A report finished in the background since the reports screen said "computing".
    let reportArrived = state.screen == .reports && !layout.reportShown && report != nil
    let changed = refresh()
    // The standup's cards show others' appends too (same accounts, same order).
    if changed, state.screen == .standup, var session = state.standup, !session.isFinished {
      refreshStandup(&session)
      state.standup = session
    }
    return changed || reportArrived
  }

  /// Folds in others' appends and re-assesses what they touched; returns whether anything changed.
  private mutating func refresh() -> Bool {
    let keep = selection?.account.slug
    let changes: Desk.Changes
    do {
      changes = try desk.refreshReportingChanges()
    } catch {
      state.message = "cannot read the journal: \(error)"
      return true
    }
    return absorb(records: changes.records, touching: changes.accounts, keeping: keep)
  }

  /// Brings the rows up to date after this dashboard's own save of `records` (already in the desk).
  mutating func absorbSaved(_ records: [Record], keeping slug: String?) {
    if let last = records.last { lastSave = "#\(last.seq) at \(LocalTime.clock(of: last.recordedAt))" }
    var touched: Set<String>? = []
    for record in records {
      guard let slugs = desk.book.accountsTouched(by: record) else {
        touched = nil
        break
      }
      touched?.formUnion(slugs)
    }
    _ = absorb(records: records.count, touching: touched, keeping: slug)
  }

  /// Re-assesses after `count` records were folded into the desk, touching `touched` (nil: every
  /// account); keeps `slug` selected. Returns whether anything changed.
  private mutating func absorb(records count: Int, touching touched: Set<String>?, keeping slug: String?) -> Bool {
    // Records folded since the rows were assessed but not counted here (others' appends the desk read
    // before a save) are not in `touched`: everything is assessed again then.
    let unseen = count < desk.position.lastSeq - assessedSeq
    guard count > 0 || unseen else { return false }
    // Only the accounts the new records touched are assessed again, unless that is most of the book or
    // the configuration changed (every account's rules).
    if !unseen, let touched, touched.count <= max(64, rows.count / 8) {
      update(touched)
    } else {
      rebuild()
    }
    select(slug)
    return true
  }

  private mutating func select(_ slug: String?) {
    if let slug, let index = visible.firstIndex(where: { rows[$0].account.slug == slug }) {
      state.selected = index
    }
    clampSelection()
  }

  /// Assesses every account again, and everything derived from the rows.
  private mutating func rebuild() {
    let board = Assessor(book: desk.book, today: today).board()
    // Unowned accounts first and loud, then the board's worst-first order (stable partition): the same
    // order as `Dashboard.listOrder`.
    let order =
      board.indices.filter { board[$0].account.owner == nil } + board.indices.filter { board[$0].account.owner != nil }
    rows = board.reordered(by: order)
    // Built by the first filter, not before the first frame.
    searchKeys = []
    plays = []
    playsGathered = false
    derive()
  }

  /// Assesses again only the accounts in `touched` and moves them to their places, in place: a poll
  /// that brings one touchpoint moves a few rows and plays, it does not copy the book's worth of them
  /// (thirty dashboards follow each append).
  private mutating func update(_ touched: Set<String>) {
    let assessor = Assessor(book: desk.book, today: today)
    let dueOrder = Self.dueOrder(today)
    for slug in touched.sorted() {
      // The filter keys exist once a filter was typed; kept in step from then on.
      let keyed = searchKeys.count == rows.count
      if let old = rows.firstIndex(where: { $0.account.slug == slug }) {
        if playsGathered { for play in rows[old].plays { removePlay(play, by: dueOrder) } }
        rows.remove(at: old)
        if keyed { searchKeys.remove(at: old) }
      }
      guard let account = desk.book.accounts[slug] else { continue }
      let item = assessor.assess(account)
      let position = rows.insertionIndex(of: item, by: Self.listOrder)
      rows.insert(item, at: position)
      if keyed { searchKeys.insert(Self.searchKey(item), at: position) }
      if playsGathered {
        for play in item.plays { plays.insert(play, at: plays.insertionIndex(of: play, by: dueOrder)) }
      }
    }
    derive()
  }

  /// Removes `play` from the sorted plays (found by binary search: the due order is total).
  private mutating func removePlay(_ play: Play, by order: (Play, Play) -> Bool) {
    let index = plays.insertionIndex(of: play, by: order)
    if plays.indices.contains(index), plays[index] == play {
      plays.remove(at: index)
    } else if let found = plays.firstIndex(of: play) {
      plays.remove(at: found)
    }
  }

  /// What is derived from the rows: the filter now; the due lists, the board and the report when their
  /// screen shows (a dashboard on the account list pays nothing for them on each poll).
  private mutating func derive() {
    assessedSeq = desk.position.lastSeq
    due = DuePlays()
    board = BoardSummary()
    derived = []
    prepare(state.screen)
    filtered = nil
    applyFilter()
  }

  /// Computes what `screen` shows from the rows, once per change of the rows.
  mutating func prepare(_ screen: DashboardState.ScreenKind) {
    guard !derived.contains(screen) else { return }
    switch screen {
    case .due:
      if !playsGathered {
        plays = rows.flatMap(\.plays)
        plays.sort(by: Self.dueOrder(today))
        playsGathered = true
      }
      due = DuePlays(everyone: plays, user: user, today: today, book: desk.book)
    case .board: board = BoardSummary(rows: rows)
    case .reports: reports.start(desk.book, at: assessedSeq, today: today)
    case .main, .help, .standup: break
    }
    derived.insert(screen)
  }

  /// The list's order: unowned first, then worst health first (red, yellow, unknown, green), lowest
  /// score first, then by id.
  static func listOrder(_ left: Assessment, _ right: Assessment) -> Bool {
    let leftKey = (left.account.owner == nil ? 0 : 1, left.health.health.severity, left.health.score ?? 101)
    let rightKey = (right.account.owner == nil ? 0 : 1, right.health.health.severity, right.health.score ?? 101)
    if leftKey != rightKey { return leftKey < rightKey }
    return left.account.slug < right.account.slug
  }

  /// The due screen's order: overdue first, then by due day, account, play, task and title (a total
  /// order, so that moving one account's plays keeps every other play where it was).
  static func dueOrder(_ today: Day) -> (Play, Play) -> Bool {
    { left, right in
      let leftLate = left.isOverdue(on: today)
      let rightLate = right.isOverdue(on: today)
      if leftLate != rightLate { return leftLate }
      if left.due != right.due { return left.due < right.due }
      if left.account != right.account { return left.account < right.account }
      if left.code != right.code { return left.code.rawValue < right.code.rawValue }
      if left.taskID != right.taskID { return (left.taskID ?? -1) < (right.taskID ?? -1) }
      return left.title < right.title
    }
  }

  /// What the filter looks in: "name slug owner", lowercased, as UTF-8.
  static func searchKey(_ item: Assessment) -> [UInt8] {
    Array((item.account.name + " " + item.account.slug + " " + (item.account.owner ?? "")).lowercased().utf8)
  }

  private mutating func applyFilter() {
    let needle = Array(state.filter.lowercased().utf8)
    if needle.isEmpty {
      visible = Array(rows.indices)
    } else if let filtered, !filtered.isEmpty, needle.starts(with: filtered) {
      // A longer needle only narrows what the shorter one matched.
      if searchKeys.count != rows.count { searchKeys = rows.map(Self.searchKey) }
      visible = visible.filter { Self.search(searchKeys[$0], for: needle) }
    } else {
      if searchKeys.count != rows.count { searchKeys = rows.map(Self.searchKey) }
      visible = rows.indices.filter { Self.search(searchKeys[$0], for: needle) }
    }
    filtered = needle
    clampSelection()
  }

  /// Whether `needle` occurs in `haystack` (bytes).
  static func search(_ haystack: [UInt8], for needle: [UInt8]) -> Bool {
    guard let first = needle.first else { return true }
    guard needle.count <= haystack.count else { return false }
    return haystack.withUnsafeBufferPointer { hay in
      needle.withUnsafeBufferPointer { word in
        var start = 0
        let last = hay.count - word.count
        while start <= last {
          if hay[start] == first {
            var matched = 1
            while matched < word.count && hay[start + matched] == word[matched] { matched += 1 }
            if matched == word.count { return true }
          }
          start += 1
        }
        return false
      }
    }
  }

  private mutating func clampSelection() {
    state.selected = max(0, min(state.selected, visible.count - 1))
    let height = max(1, layout.listHeight)
    if state.selected < state.listScroll { state.listScroll = state.selected }
    if state.selected >= state.listScroll + height { state.listScroll = state.selected - height + 1 }
    state.listScroll = max(0, min(state.listScroll, max(0, visible.count - height)))
  }

  /// The metrics by quarter over the last four quarters, once computed for the current book.
  public var report: MetricsReport? { reports.report(at: assessedSeq) }

  /// Open plays, overdue first then by due date, for the user or everyone.
  public var duePlays: [Play] { state.dueScope == .mine ? due.mine : due.everyone }

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
    if standupTakes(key) { return handleStandup(key) }
    switch key {
    case .character("q"): return .quit
    case .character("?"): show(.help)
    case .character("b"): show(.board)
    case .character("d"): show(.due)
    case .character("r"): show(.reports)
    case .character("m"): show(.main)
    case .character("S"): startStandup()
    case .escape:
      if state.screen != .main {
        show(.main)
      } else if state.focus == .detail {
        openDetail(false)
      } else if !state.filter.isEmpty {
        state.filter = ""
        applyFilter()
      }
    default:
      if state.screen == .main { handleMain(key) } else { handlePage(key) }
    }
    return .redraw
  }

  mutating func show(_ screen: DashboardState.ScreenKind) {
    if state.screen != screen { state.pageScroll = 0 }
    state.screen = screen
    prepare(screen)
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
      openDetail(false)
    case .enter, .tab, .backTab: openDetail(state.focus == .list)
    case .character("x"):
      state.showRetracted.toggle()
      resetTimeline()
    case .character(let key) where Self.formKeys.contains(where: { $0.key == key }): openForm(key)
    default:
      if state.focus == .list { moveSelection(key) } else { scrollTimeline(key) }
    }
  }

  /// Opens the selected account's detail (full-screen below the split size, else the detail pane takes
  /// the keys), or goes back to the list.
  private mutating func openDetail(_ open: Bool) {
    guard !open || selection != nil else { return }
    state.isDetailOpen = open
    state.focus = open ? .detail : .list
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
    if state.selected != before { resetTimeline() }
  }

  /// Back to the newest timeline entry (another account, or other entries shown).
  mutating func resetTimeline() {
    state.timelineScroll = 0
    state.timelineCursor = 0
  }

  /// Moves the timeline cursor; the timeline scrolls to keep it in view.
  private mutating func scrollTimeline(_ key: Key) {
    let page = max(1, layout.timelineHeight - 1)
    switch key {
    case .character("j"), .down: state.timelineCursor += 1
    case .character("k"), .up: state.timelineCursor -= 1
    case .character("g"), .home: state.timelineCursor = 0
    case .character("G"), .end: state.timelineCursor = Int.max / 2
    case .pageDown: state.timelineCursor += page
    case .pageUp: state.timelineCursor -= page
    default: return
    }
    state.timelineCursor = max(0, min(state.timelineCursor, timelineEntries.count - 1))
    let height = max(1, layout.timelineHeight)
    if state.timelineCursor < state.timelineScroll { state.timelineScroll = state.timelineCursor }
    if state.timelineCursor >= state.timelineScroll + height {
      state.timelineScroll = state.timelineCursor - height + 1
    }
  }

  private mutating func handlePage(_ key: Key) {
    if state.screen == .board, key == .character("o") {
      state.boardGrouping = state.boardGrouping == .owner ? .tier : .owner
      state.pageScroll = 0
      return
    }
    if state.screen == .due {
      handleDue(key)
      return
    }
    scrollPage(key)
  }

  /// Scrolls a page screen (board, due, reports, help, the standup summary).
  mutating func scrollPage(_ key: Key) {
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
    case .standup: StandupView.draw(self, in: body, into: &canvas)
    }
    if let form = state.form { FormView.draw(form, dashboard: self, in: body, into: &canvas) }
    StatusLine.draw(self, into: &canvas)
  }
}

/// What the last render measured; a reference so that `render` (not mutating) can leave it for `handle`.
final class LayoutMemo: @unchecked Sendable {
  var listHeight = 8
  var timelineHeight = 6
  var pageHeight = 20
  var pageLength = 0
  /// Whether the reports screen last drew a report (not "computing").
  var reportShown = false
}

/// The open plays the due screen lists, kept in its order.
struct DuePlays {
  var everyone: [Play] = []
  /// The plays the user owns, and those on the accounts they manage (marked).
  var mine: [Play] = []
  var overdueEveryone = 0
  var overdueMine = 0

  init() {}

  init(everyone: [Play], user: String, today: Day, book: Book) {
    self.everyone = everyone
    mine = PlayBook.plays(everyone, for: user, in: book)
    overdueEveryone = everyone.reduce(0) { $0 + ($1.isOverdue(on: today) ? 1 : 0) }
    overdueMine = mine.reduce(0) { $0 + ($1.isOverdue(on: today) ? 1 : 0) }
  }
}

extension Array {
  /// Where `element` goes in this array, sorted by `areInIncreasingOrder`: after every element ordered
  /// before it (binary search).
  func insertionIndex(of element: Element, by areInIncreasingOrder: (Element, Element) -> Bool) -> Int {
    var low = 0
    var high = count
    while low < high {
      let middle = (low + high) / 2
      if areInIncreasingOrder(self[middle], element) { low = middle + 1 } else { high = middle }
    }
    return low
  }
}
