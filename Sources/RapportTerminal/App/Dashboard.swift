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
  /// Whether the reports screen said "computing" and the report has not been shown since.
  private var reportPending = false

  /// Where everything goes on the terminal, from the size the last resize reported.
  var layout: Layout { Layout(state.size) }

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
    let reportArrived = state.screen == .reports && reportPending && report != nil
    if reportArrived { reportPending = false }
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
    case .reports:
      reports.start(desk.book, at: assessedSeq, today: today)
      reportPending = report == nil
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

  mutating func applyFilter() {
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

  mutating func clampSelection() {
    state.list.clamp(count: visible.count, height: layout.listHeight)
  }

  /// The metrics by quarter over the last four quarters, once computed for the current book.
  public var report: MetricsReport? { reports.report(at: assessedSeq) }

  /// Open plays, overdue first then by due date, for the user or everyone.
  public var duePlays: [Play] { state.dueScope == .mine ? due.mine : due.everyone }

  // MARK: Actions

  /// Handles one key: the key table says what it means where the keys go now, and the action is sent.
  public mutating func handle(_ key: Key) -> KeyOutcome {
    state.message = nil
    // The size itself arrives through `resize(to:)` (the loop sends it before this key).
    if key == .resize { return .repaint }
    guard let action = KeyTable.action(for: key, in: keyContext) else { return .redraw }
    return send(action)
  }

  /// Where the keys go now: the text being typed, else the screen (and its pane) showing.
  public var keyContext: KeyContext {
    if state.form != nil { return .form }
    if state.isEditingFilter { return .filter }
    switch state.screen {
    case .main: return state.focus == .detail ? .accountDetail : .accountList
    case .board: return .board
    case .due: return .due
    case .reports: return .reports
    case .help: return .help
    case .standup:
      if state.standup?.actionLine != nil { return .actionItem }
      return state.standup?.isFinished == true ? .standupSummary : .standup
    }
  }

  /// Applies one action to the screen the keys go to.
  public mutating func send(_ action: Action) -> KeyOutcome {
    switch action {
    case .quit: return .quit
    case .repaint: return .repaint
    case .resized(let size):
      resize(to: size)
      return .repaint
    case .edited(let text):
      finishEditing(text)
      return .redraw
    case .show(let screen):
      show(screen)
      return .redraw
    case .startStandup:
      startStandup()
      return .redraw
    default: break
    }
    switch keyContext {
    case .form: return reduceForm(action)
    case .filter: reduceFilter(action)
    case .accountList, .accountDetail: reduceAccounts(action)
    case .board: reduceBoard(action)
    case .due: reduceDue(action)
    case .reports, .help: if case .move(let move) = action { scrollPage(move) }
    case .standup, .standupSummary, .actionItem: reduceStandup(action)
    }
    return .redraw
  }

  mutating func show(_ screen: DashboardState.ScreenKind) {
    if state.screen != screen {
      state.page = ListCursor()
      state.duePlays.scroll = 0
    }
    state.screen = screen
    prepare(screen)
  }

  /// Scrolls a page screen (board, reports, help, the standup summary).
  mutating func scrollPage(_ move: ListCursor.Move) {
    state.page.scroll(move, count: pageLength, height: layout.pageHeight)
  }

  /// Lines on the page the current screen shows (the same count its view draws).
  var pageLength: Int {
    switch state.screen {
    case .board: return BoardView.lineCount(board, state.boardGrouping)
    case .reports: return report.map { ReportsView.lines($0, rows: rows, today: today).count } ?? 0
    case .help: return HelpView.lines.count
    case .standup: return state.standup?.summary.map(StandupView.summaryLines)?.count ?? 0
    case .main, .due: return 0
    }
  }

  /// Takes the terminal's new size: the layout follows, and every cursor is kept in range for it.
  public mutating func resize(to size: TerminalSize) {
    state.size = size
    clampSelection()
    state.timeline.clamp(count: timelineEntries.count, height: timelineHeight)
    if state.screen == .due { clampDueCursor() }
    state.page.scroll = ListCursor.clamped(state.page.scroll, count: pageLength, height: layout.pageHeight)
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
    // Drawn for the canvas's size (the same layout function the keys use for the last reported size).
    let layout = Layout(TerminalSize(rows: canvas.rows, columns: canvas.columns))
    let body = layout.body
    TitleBar.draw(self, into: &canvas)
    switch state.screen {
    case .main: AccountsView.draw(self, layout: layout, into: &canvas)
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
