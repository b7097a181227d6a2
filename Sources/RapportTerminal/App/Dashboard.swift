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

  /// The read model: rows, filter, plays, due lists, board; kept current from `Desk.Changes`.
  private(set) var projection: Projection
  /// Computes the metrics report in the background when the reports screen asks for it.
  private let reports = ReportWorker()
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
    projection = Projection(book: desk.book, at: desk.position.lastSeq, today: today, user: desk.user, filter: "")
  }

  /// Every account assessed, unowned first, then worst health first.
  public var rows: [Assessment] { projection.rows }
  /// Indices into `rows` that pass the filter, in order.
  public var visible: [Int] { projection.visible }
  /// The due screen's lists (every play, the user's, the overdue counts), while it shows.
  var due: DuePlays { projection.due }
  /// The board's groups and movers, while it shows.
  var board: BoardSummary { projection.board }

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

  /// Reads other writers' appends (the loop calls it a few times a second) and sends them as
  /// `.changed`; returns whether anything changed on screen.
  public mutating func poll() -> Bool {
    // A report finished in the background since the reports screen said "computing".
    let reportArrived = state.screen == .reports && reportPending && report != nil
    if reportArrived { reportPending = false }
    let read: Action
    do {
      read = .changed(try desk.refreshReportingChanges())
    } catch {
      read = .unreadable("\(error)")
    }
    return run(read).redraw || reportArrived
  }

  /// The one path by which changes reach the read model, whoever wrote them: re-assesses what they
  /// touched, filters again and keeps `slug` selected; then what the current screen shows is derived
  /// again. Returns the effects (none when nothing changed).
  private mutating func absorb(_ changes: Desk.Changes, keeping slug: String?) -> [Effect] {
    guard projection.absorb(changes, book: desk.book, at: desk.position.lastSeq) else { return [] }
    projection.filter(state.filter)
    if let slug, let index = visible.firstIndex(where: { rows[$0].account.slug == slug }) {
      state.selected = index
    }
    clampSelection()
    // The standup's cards show others' appends too (same accounts, same order).
    if state.screen == .standup, var session = state.standup, !session.isFinished {
      refreshStandup(&session)
      state.standup = session
    }
    return prepare(state.screen) + [.redraw]
  }

  /// Takes this dashboard's own save of `records` (already in the desk) through the same path.
  mutating func absorbSaved(_ records: [Record], keeping slug: String?) -> [Effect] {
    if let last = records.last { lastSave = "#\(last.seq) at \(LocalTime.clock(of: last.recordedAt))" }
    return absorb(Projection.changes(of: records, in: desk.book), keeping: slug)
  }

  /// Computes what `screen` shows from the rows (the read model keeps it until the rows change); the
  /// report is asked of the background as an effect.
  mutating func prepare(_ screen: DashboardState.ScreenKind) -> [Effect] {
    switch screen {
    case .due: projection.prepareDue(book: desk.book)
    case .board: projection.prepareBoard()
    case .reports: return [.computeReport]
    case .main, .help, .standup: break
    }
    return []
  }

  mutating func clampSelection() {
    state.list.clamp(count: visible.count, height: layout.listHeight)
  }

  /// Filters the list with the filter as typed.
  mutating func applyFilter() {
    projection.filter(state.filter)
    clampSelection()
  }

  /// The metrics by quarter over the last four quarters, once computed for the current book.
  public var report: MetricsReport? { reports.report(at: projection.assessedSeq) }

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

  /// Sends `action`: it is reduced, and the effects it asks for are run, their results sent in turn.
  /// Returns what the event loop must do.
  public mutating func send(_ action: Action) -> KeyOutcome { run(action).outcome }

  /// The effect runner: the only place that writes the journal or starts background work.
  private mutating func run(_ first: Action) -> (outcome: KeyOutcome, redraw: Bool) {
    var outcome = KeyOutcome.redraw
    var redraw = false
    var actions = [first]
    var index = 0
    while index < actions.count {
      for effect in reduce(actions[index]) {
        switch effect {
        case .quit: return (.quit, true)
        case .redraw: redraw = true
        case .repaint:
          outcome = .repaint
          redraw = true
        case .edit(let text): outcome = .edit(text)
        case .perform(let command, let origin): actions.append(perform(command, for: origin))
        case .computeReport:
          reports.start(desk.book, at: projection.assessedSeq, today: today)
          reportPending = report == nil
        }
      }
      index += 1
    }
    return (outcome, redraw)
  }

  /// Appends `command` as this dashboard's user, the wall clock read here at the edge.
  private mutating func perform(_ command: Command, for origin: WriteOrigin) -> Action {
    do {
      let outcome = try desk.perform(command, in: Context(now: .now(), today: today, user: desk.user))
      return .saved(outcome.records, for: origin)
    } catch let error as DomainError {
      return .refused(error.description, for: origin)
    } catch {
      return .refused("cannot save: \(error)", for: origin)
    }
  }

  /// Applies one action: to the shell (quit, screens, size, the journal's changes), else to the screen
  /// or the typing the keys go to. Returns the effects it asks for.
  private mutating func reduce(_ action: Action) -> [Effect] {
    switch action {
    case .quit: return [.quit]
    case .repaint: return [.repaint]
    case .resized(let size):
      resize(to: size)
      return [.repaint]
    case .edited(let text):
      finishEditing(text)
      return [.redraw]
    case .show(let screen): return show(screen) + [.redraw]
    case .startStandup:
      startStandup()
      return [.redraw]
    case .changed(let changes): return absorb(changes, keeping: selection?.account.slug)
    case .unreadable(let reason):
      state.message = "cannot read the journal: \(reason)"
      return [.redraw]
    case .saved(let records, let origin):
      switch origin {
      case .form: return formSaved(records)
      case .actionItem: return actionItemSaved(records)
      case .standup: return standupRecorded(records)
      }
    case .refused(let reason, let origin):
      switch origin {
      case .form: formRefused(reason)
      case .actionItem: state.standup?.actionError = reason
      case .standup: state.message = "cannot record the standup: \(reason)"
      }
      return [.redraw]
    default: break
    }
    var effects: [Effect] = [.redraw]
    switch keyContext {
    case .form: effects += reduceForm(action)
    case .filter: reduceFilter(action)
    case .accountList, .accountDetail: reduceAccounts(action)
    case .board: reduceBoard(action)
    case .due: reduceDue(action)
    case .reports, .help: if case .move(let move) = action { scrollPage(move) }
    case .standup, .standupSummary, .actionItem: effects += reduceStandup(action)
    }
    return effects
  }

  @discardableResult
  mutating func show(_ screen: DashboardState.ScreenKind) -> [Effect] {
    if state.screen != screen {
      state.page = ListCursor()
      state.duePlays.scroll = 0
    }
    state.screen = screen
    return prepare(screen)
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
