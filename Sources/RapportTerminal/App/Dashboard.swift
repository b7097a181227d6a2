import RapportDomain
import RapportJournal
import RapportText

/// The full-screen dashboard: a `Desk` kept current, the rules' view of it, and `DashboardState`.
/// Keys change the state; `render` draws the current screen into a canvas of any size.
public struct Dashboard: TerminalApp {
  public internal(set) var desk: Desk
  public let today: Day
  public var theme: Theme
  public let readOnly: Bool
  /// Why the dashboard is read-only, for the message shown when a write key is pressed.
  public let readOnlyReason: String
  public internal(set) var state = DashboardState()
  /// Whether `C` can put a summary on the clipboard (the launcher sets it from `TERM`).
  public var clipboard = Clipboard.unavailable(reason: "no terminal")

  /// The read model: rows, filter, plays, due lists, board; kept current from `Desk.Changes`.
  private(set) var projection: Projection
  /// Computes the metrics report in the background when the reports screen asks for it.
  private let reports = ReportWorker()
  /// This user's last save in this dashboard ("#4412 at 14:05"), shown in the status line.
  public private(set) var lastSave: String?
  /// Whether the reports screen said "computing" and the report has not been shown since.
  private var reportPending = false
  /// What the terminal can show: ASCII only outside a UTF-8 locale (see `useCharset(_:codeset:)`).
  public internal(set) var charset = Charset.unicode

  /// Where everything goes on the terminal, from the size the last resize reported.
  var layout: Layout { Layout(state.size, statusRows: StatusLine.rows(self, size: state.size)) }

  /// A dashboard on `desk`. With `shownRowsFirst` (the terminal's launcher) the accounts are put in
  /// order from their health alone, and only the rows about to be drawn are assessed wholly, the
  /// others in the background (by the first key, or when asked, at the latest): the first frame does
  /// not wait for thousands of accounts. Without it, `rows` are final before this returns.
  public init(
    desk: Desk, today: Day, theme: Theme = .fallback, readOnly: Bool = false,
    readOnlyReason: String = "opened read-only or the journal is not writable", shownRowsFirst: Bool = false
  ) {
    self.desk = desk
    self.today = today
    self.theme = theme
    self.readOnly = readOnly
    self.readOnlyReason = readOnlyReason
    projection = Projection(
      book: desk.book, at: desk.position.lastSeq, today: today, user: desk.user, filter: "",
      assessing: shownRowsFirst ? .shownRowsFirst : .everything)
  }

  /// Every account assessed, unowned first, then worst health first; as the list keeps them, without
  /// plays and measure readings (`selection` has them).
  public var rows: [Assessment] { projection.rows }
  /// Indices into `rows` that pass the filter, in order.
  public var visible: [Int] { projection.visible }
  /// The due screen's lists (every play, the user's, the overdue counts), while it shows.
  var due: DuePlays { projection.due }
  /// The board's groups and movers, while it shows.
  var board: BoardSummary { projection.board }

  public var user: String { desk.user }
  public var journalName: String { desk.journal.label }
  public var recordCount: Int { desk.position.lastSeq }

  /// The selected account's whole assessment (plays and readings included), if the filtered list is not
  /// empty.
  public var selection: Assessment? {
    visible.indices.contains(state.selected)
      ? projection.detail(of: rows[visible[state.selected]], book: desk.book) : nil
  }

  /// The metrics by quarter over the last four quarters, once computed for the current book.
  public var report: MetricsReport? { reports.report(at: projection.assessedSeq) }

  /// Whether the entries' text is being searched for the filter (in the background).
  public var isSearchingText: Bool { projection.isSearchingText }
  /// Entries whose text mentions the filter (all of them, not only those listed).
  public var textMatchCount: Int { projection.textMatches.total }

  /// The due screen's plays as shown (the user's or everyone's).
  var duePlays: [Play] { state.due.plays(projection) }
  /// The play under the due screen's cursor.
  var selectedPlay: Play? { state.due.selectedPlay(environment()) }
  /// The timeline entry under the detail's cursor.
  var selectedTimelineEntry: TimelineEntry? {
    let entries = state.accounts.timelineEntries(environment())
    return entries.indices.contains(state.accounts.timeline.selection)
      ? entries[state.accounts.timeline.selection] : nil
  }
  /// The keys that open a form on the account list, and what each records.
  static var formKeys: [(key: Character, action: String)] { KeyTable.formKeys }

  /// What the screens' reducers and views read besides their own state, at the size last reported
  /// (drawing passes the canvas's layout). Dropped after one use: see `ScreenEnvironment`.
  func environment(_ layout: Layout? = nil) -> ScreenEnvironment {
    ScreenEnvironment(
      projection: projection, book: desk.book, today: today, user: desk.user, layout: layout ?? self.layout,
      theme: theme, report: report, readOnlyReason: readOnly ? readOnlyReason : nil)
  }

  // MARK: Keeping current

  /// Readable when another process appends to a journal that announces it (PostgreSQL's `NOTIFY`).
  public var wakeDescriptor: Int32? { desk.journal.changeDescriptor }

  /// Reads other writers' appends (the loop calls it a few times a second, and at once when the
  /// journal announces one) and sends them as `.changed`; returns whether anything changed on screen.
  public mutating func poll() -> Bool {
    let redraw = readChanges()
    // After the records are folded: a book the background holds would be copied by the fold. Once it
    // is done, the standings the rows held and all it left behind are freed: given back now.
    if projection.assessInBackground(book: desk.book) { FreedMemory.release() }
    return redraw
  }

  /// `poll`'s reading of the journal and of what finished in the background.
  private mutating func readChanges() -> Bool {
    // A journal that announces appends (a database listened to) is read when it says so; one that
    // cannot, or cannot now (a file, a lost connection), at every poll.
    let announced = desk.journal.consumeChanges()
    let reads = announced || desk.journal.changeDescriptor == nil
    // A report finished in the background since the reports screen said "computing".
    let reportArrived = state.screen == .reports && reportPending && report != nil
    if reportArrived { reportPending = false }
    // The entries that mention the filter: the search starts once typing pauses, in the background.
    projection.startTextSearch()
    let matchesArrived = projection.collectTextMatches()
    if matchesArrived { state.accounts.clamp(environment()) }
    guard reads else { return reportArrived || matchesArrived }
    let read: Action
    do {
      read = .changed(try desk.refreshReportingChanges())
    } catch {
      read = .unreadable("\(error)")
    }
    return run(read).redraw || reportArrived || matchesArrived
  }

  /// The one path by which changes reach the read model, whoever wrote them: re-assesses what they
  /// touched, filters again and keeps `slug` selected; then what the current screen shows is derived
  /// again. Returns the effects (none when nothing changed).
  private mutating func absorb(_ changes: Desk.Changes, keeping slug: String?) -> [Effect] {
    // The projection filters its new rows again itself, with the filter it was last given.
    guard projection.absorb(changes, book: desk.book, at: desk.position.lastSeq) else { return [] }
    if let slug, let index = visible.firstIndex(where: { rows[$0].account.slug == slug }) {
      state.selected = index
    }
    let effects = prepare(state.screen)
    let env = environment()
    state.accounts.clamp(env)
    followCursors(env)
    // The standup's cards show others' appends too (same accounts, same order).
    _ = updateStandup { standup in
      standup.refresh(env)
      return []
    }
    return effects + [.redraw]
  }

  /// Applies `change` to the standup in the modal slot, if it shows; returns its effects.
  private mutating func updateStandup(_ change: (inout StandupModal) -> [Effect]) -> [Effect] {
    guard case .standup(var standup) = state.modal else { return [] }
    let effects = change(&standup)
    state.modal = .standup(standup)
    return effects
  }

  /// Takes this dashboard's own save of `records` (already in the desk) through the same path.
  mutating func absorbSaved(_ records: [Record], keeping slug: String?) -> [Effect] {
    state.undo.record(records)
    if let last = records.last { lastSave = "#\(last.seq) at \(LocalTime.clock(of: last.recordedAt))" }
    return absorb(Projection.changes(of: records, in: desk.book), keeping: slug)
  }

  /// Computes what `screen` shows from the rows (the read model keeps it until the rows change); the
  /// report is asked of the background as an effect.
  private mutating func prepare(_ screen: DashboardState.Screen) -> [Effect] {
    switch screen {
    case .due: projection.prepareDue(book: desk.book)
    case .board: projection.prepareBoard(book: desk.book)
    case .reports: return [.computeReport]
    case .main, .help: break
    }
    return []
  }

  // MARK: Actions

  /// Handles one key: the key table says what it means where the keys go now, and the action is sent.
  public mutating func handle(_ key: Key) -> KeyOutcome {
    // What a key does may read any row: none is left to its standing alone from the first key on.
    projection.assessEverything(book: desk.book)
    if let message = state.message { state.lastMessage = message }
    state.message = nil
    // The size itself arrives through `resize(to:)` (the loop sends it before this key).
    if key == .resize { return .repaint }
    // Below 80x24 nothing shows but the message: only what acts without being seen (quit, redraw) does.
    if layout.isTooSmall {
      switch key {
      case .character("q"): return send(.quit)
      case .control("l"): return send(.repaint)
      default:
        state.message = TooSmallView.refusal(state.size)
        return .redraw
      }
    }
    if case .mouse(let event) = key { return handleMouse(event) }
    guard let action = KeyTable.action(for: key, in: keyContext) else {
      // A key that cannot act says so, rather than nothing happening unseen.
      state.message = "\(KeyTable.name(key)) does nothing here: ? lists every key"
      return .redraw
    }
    return send(action)
  }

  /// Where the keys go now: the modal, else the screen (and its pane) showing.
  public var keyContext: KeyContext {
    switch state.modal {
    case .form: return .form
    case .filter: return .filter
    case .confirm: return .confirm
    case .message: return .message
    case .standup(let standup):
      if standup.prompt != nil { return .standupPrompt }
      switch standup.inner {
      case .form: return .form
      case .note: return .standupNote
      case nil: return standup.showsSummary ? .standupSummary : .standup
      }
    case nil: break
    }
    switch state.screen {
    case .main:
      if state.accounts.reading != nil { return .entry }
      return state.accounts.focus == .detail ? .accountDetail : .accountList
    case .board: return .board
    case .due: return .due
    case .reports: return .reports
    case .help: return .help
    }
  }

  /// Sends `action`: it is reduced, and the effects it asks for are run, their results sent in turn.
  /// Returns what the event loop must do.
  public mutating func send(_ action: Action) -> KeyOutcome {
    projection.assessEverything(book: desk.book)
    return run(action).outcome
  }

  /// Takes the terminal's new size: the layout follows, and every cursor is kept in range for it.
  /// Before the first key it assesses only the rows the size shows (see `init`).
  public mutating func resize(to size: TerminalSize) { _ = run(.resized(size)) }

  /// Takes the text written in `$EDITOR` into the form's focused field.
  public mutating func finishEditing(_ text: String?) { _ = send(.edited(text)) }

  /// Opens the standup: resumes one in progress, else starts a new one for `owner` (everyone when nil).
  public mutating func startStandup(owner: String? = nil) { _ = send(.startStandup(owner: owner)) }

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
        case .copy(let text, let what, let elsewhere):
          switch clipboard {
          case .osc52:
            outcome = .copy(text)
            state.message = "\(what) copied to the clipboard (OSC 52, where the terminal allows it)"
          case .unavailable(let reason):
            state.message = "cannot copy to the clipboard here (\(reason)): \(elsewhere)"
          }
        case .send(let action): actions.append(action)
        case .present(let modal): state.modal = modal
        case .dismiss: state.modal = nil
        case .say(let message): state.message = message
        case .perform(let command, let origin): actions.append(perform(command, for: origin))
        case .computeReport:
          reports.start(desk.book, at: projection.assessedSeq, today: today)
          reportPending = report == nil
        }
      }
      index += 1
    }
    assessShownRows()
    return (outcome, redraw)
  }

  /// Assesses wholly the rows the next frame draws, while some hold their standing only (see `init`):
  /// the account list's rows on screen; everything on the other screens.
  private mutating func assessShownRows() {
    guard projection.standingsLeft > 0 else { return }
    guard state.screen == .main, state.modal == nil else { return projection.assessEverything(book: desk.book) }
    let height = layout.listHeight
    let first = state.accounts.list.firstShown(height: height)
    projection.assessRows(visibleAt: first..<(first + height + 1), book: desk.book)
  }

  /// Appends `command` as this dashboard's user, the wall clock read here at the edge.
  private mutating func perform(_ command: Command, for origin: WriteOrigin) -> Action {
    do {
      let outcome = try desk.perform(
        command, in: Context(now: .now(), today: today, user: desk.user, login: desk.journal.login))
      return .saved(outcome.records, for: origin)
    } catch let error as DomainError {
      return .refused(error.description, for: origin)
    } catch {
      return .refused("cannot save: \(error)", for: origin)
    }
  }

  /// Applies one action: the shell's own (quit, screens, size, the journal's changes, the results of
  /// writes), else the modal's or the screen's reducer, whichever has the keys. Returns the effects,
  /// which it does not run (`send` does).
  mutating func reduce(_ action: Action) -> [Effect] {
    switch action {
    case .readMessage:
      guard let text = state.lastMessage else { return [.say("no message to read in full yet"), .redraw] }
      return [.present(.message(MessageReading(text: text, over: state.standup))), .redraw]
    case .quit:
      // A standup with cards left asks first (a second q, as below 80x24, quits).
      if let standup = state.standup, standup.asksBeforeQuitting, standup.prompt != .quit {
        return updateStandup {
          $0.prompt = .quit
          return []
        } + [.redraw]
      }
      return [.quit]
    case .repaint: return [.repaint]
    case .resized(let size):
      state.size = size
      let env = environment()
      state.accounts.clamp(env, timeline: true)
      // The due lists and the board exist while their screen shows.
      followCursors(env)
      return [.repaint]
    case .show(let screen): return show(screen) + [.redraw]
    case .startStandup(let owner):
      // Full-screen over the account list (where Esc leaves it): the paused one as it was, else a new one.
      let shown = show(.main)
      let standup: StandupModal
      var effects: [Effect] = []
      if var paused = state.pausedStandup {
        // Others may have gone on with it meanwhile.
        paused.refresh(environment())
        standup = paused
      } else {
        (standup, effects) = StandupModal.start(owner: owner, environment())
      }
      state.pausedStandup = nil
      state.modal = .standup(standup)
      return effects + shown + [.redraw]
    case .filtered where state.screen == .due:
      projection.filterDue(state.due.filter, book: desk.book)
      state.due.follow(environment())
      return [.redraw]
    case .openAccount(let slug): return openAccount(slug) + [.redraw]
    case .filtered:
      projection.filter(state.accounts.filter, book: desk.book)
      state.accounts.clamp(environment())
      return [.redraw]
    case .changed(let changes): return absorb(changes, keeping: selection?.account.slug)
    case .unreadable(let reason): return [.say("cannot read the journal: \(reason)"), .redraw]
    case .saved(let records, for: .form):
      let keep = state.form?.purpose == .account ? nil : selection?.account.slug
      // The form closes: over the screen, or over the standup's card.
      if case .standup(var standup) = state.modal {
        standup.formSaved()
        state.modal = .standup(standup)
      } else {
        state.modal = nil
      }
      let effects = absorbSaved(records, keeping: keep ?? records.first?.account)
      state.accounts.showSaved(records, environment())
      return effects + [.say(records.first.map { "saved #\($0.seq)" } ?? "saved"), .redraw]
    case .saved(let records, for: .standup):
      let effects = absorbSaved(records, keeping: selection?.account.slug)
      let env = environment()
      return effects + updateStandup { $0.saved(records, env) } + [.redraw]
    case .refused(let reason, for: .standup): return updateStandup { $0.refused(reason) } + [.redraw]
    case .undo, .undoEntry, .saved(_, for: .undo), .refused(_, for: .undo): return reduceUndo(action)
    default: break
    }
    let env = environment()
    switch state.modal {
    case .form(var form):
      let effects = form.reduce(action, today: today)
      state.modal = .form(form)
      return effects + [.redraw]
    case .filter where state.screen == .due: return state.due.reduceFilter(action) + [.redraw]
    case .filter: return state.accounts.reduceFilter(action) + [.redraw]
    case .confirm(let confirmation): return confirmation.reduce(action)
    case .message(var reading):
      let effects = reading.reduce(action, env)
      if case .message = state.modal { state.modal = .message(reading) }
      return effects
    case .standup: return updateStandup { $0.reduce(action, env) } + [.redraw]
    case nil: break
    }
    let effects: [Effect]
    switch state.screen {
    case .main: effects = state.accounts.reduce(action, env)
    case .board: effects = state.board.reduce(action, env)
    case .due: effects = state.due.reduce(action, env)
    case .reports: effects = state.reports.reduce(action, count: reportLength(env), env)
    case .help: effects = state.help.reduce(action, count: HelpView.lines(width: env.layout.body.width).count, env)
    }
    return effects + [.redraw]
  }

  /// Lines of the reports page (0 while the report is computed).
  private func reportLength(_ env: ScreenEnvironment) -> Int {
    env.report.map { ReportsView.lines($0, rows: env.projection.rows, today: today).count } ?? 0
  }

  /// Shows `screen`, scrolled to its top; derives what it shows. A standup showing is left paused (`S`
  /// resumes it), or closed once recorded.
  @discardableResult
  mutating func show(_ screen: DashboardState.Screen) -> [Effect] {
    if case .standup(let standup) = state.modal {
      state.modal = nil
      state.pausedStandup = standup.isFinished ? nil : standup
    }
    if state.screen != screen {
      state.reports = PageState()
      state.help = PageState()
    }
    state.screen = screen
    let effects = prepare(screen)
    // The board's and the due list's cursors stay on their entries from one visit to the next.
    followCursors(environment())
    return effects
  }

  // MARK: Drawing

  public static let minimumRows = TerminalSize.minimum.rows
  public static let minimumColumns = TerminalSize.minimum.columns

  public func render(into canvas: inout Canvas) {
    // Outside a UTF-8 locale every glyph the views drew becomes ASCII, here and only here.
    defer { if charset == .ascii { canvas.transliterate() } }
    canvas.fill(row: 0, column: 0, height: canvas.rows, width: canvas.columns, style: theme[.normal])
    // Drawn for the canvas's size (the same layout function the keys use for the last reported size).
    let size = TerminalSize(rows: canvas.rows, columns: canvas.columns)
    let layout = Layout(size, statusRows: StatusLine.rows(self, size: size))
    guard !layout.isTooSmall else {
      TooSmallView.draw(into: &canvas, theme: theme, message: state.message)
      return
    }
    let env = environment(layout)
    let body = layout.body
    TitleBar.draw(self, into: &canvas)
    if let standup = state.standup {
      // Full-screen: the screen under it is not drawn.
      StandupView.draw(standup, env, in: body, into: &canvas)
    } else {
      switch state.screen {
      case .main: AccountsView.draw(state.accounts, env, into: &canvas)
      case .board: BoardView.draw(state.board, env, in: body, into: &canvas)
      case .due: DueView.draw(state.due, env, in: body, into: &canvas)
      case .reports: ReportsView.draw(state.reports, env, in: body, into: &canvas)
      case .help: HelpView.draw(state.help, env, in: body, into: &canvas)
      }
    }
    if let form = state.form { FormView.draw(form, env, in: body, into: &canvas) }
    if case .message(let reading) = state.modal { MessageReading.draw(reading, env, in: body, into: &canvas) }
    StatusLine.draw(self, into: &canvas)
  }
}
