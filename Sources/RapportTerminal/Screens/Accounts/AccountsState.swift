import RapportDomain
import RapportJournal

/// The account list and the selected account's detail: the list's cursor, the detail pane, the
/// timeline's cursor, the filter, the entry read whole.
public struct AccountsState: Sendable, Equatable {
  public enum Pane: Sendable, Equatable {
    case list, detail
  }

  /// The cursor over the filtered list: the accounts that pass the filter, then the entries whose text
  /// mentions it.
  public var list = ListCursor()
  /// The timeline's cursor (newest first) while the detail has the keys: `u` retracts its entry.
  public var timeline = ListCursor()
  /// The entry under the timeline's cursor, which the cursor follows when other entries are added or
  /// hidden around it (nil: none chosen yet, the cursor stays at its place).
  var timelineAnchor: TimelineAnchor?
  /// The entry listed under the list's cursor by a text search, which the cursor follows when rows
  /// are added or removed above it (nil: the cursor is on an account, which the shell keeps).
  var matchAnchor: MatchAnchor?
  /// The entry shown whole (Enter on the timeline; Esc or Enter closes it).
  public var reading: EntryReading?
  public var filter = "" {
    didSet { if filter.isEmpty { filterCursor = nil } }
  }
  /// The filter's cursor while it is typed (nil: at the end).
  public var filterCursor: Int?
  public var focus: Pane = .list
  /// The selected account's detail is open (Enter; Esc or Tab closes it): below the split size
  /// (`Layout.isSplit`) it replaces the list full-screen; above it, the detail pane has the keys.
  /// Kept equal to `focus == .detail`.
  public var isDetailOpen = false
  public var showRetracted = false

  public init() {}

  /// The timeline entry the cursor is on: its account, its seq, and its place in the timeline's order
  /// (to find the nearest entry when it is gone), and the cursor's index when it was set there (a cursor
  /// moved since by someone else is not pulled back).
  struct TimelineAnchor: Sendable, Equatable {
    var slug: String
    var seq: Int
    var day: Day
    var index: Int
  }

  /// The text match the list's cursor is on, and the row it was on.
  struct MatchAnchor: Sendable, Equatable {
    var seq: Int
    var row: Int
  }

  private static func isAccountPick(_ action: Action) -> Bool {
    if case .pick(.account) = action { return true }
    return false
  }

  mutating func reduce(_ action: Action, _ env: ScreenEnvironment) -> [Effect] {
    // A click on the list still picks an account while an entry is read whole (beside it).
    if reading != nil, !Self.isAccountPick(action) { return reduceReading(action, env) }
    switch action {
    case .back:
      if focus == .detail {
        openDetail(false, env)
      } else if !filter.isEmpty {
        filter = ""
        return [.send(.filtered)]
      }
    case .move(let move):
      if focus == .list {
        let before = list.selection
        list.move(move, count: env.projection.listCount, height: env.layout.listHeight)
        if list.selection != before { listMoved(env) }
      } else {
        let entries = timelineEntries(env)
        timeline.move(move, count: entries.count, height: timelineHeight(env))
        anchorTimeline(entries, env)
      }
    case .toggleDetail: openDetail(focus == .list, env)
    case .readEntry: return openReading(env)
    case .editFilter:
      filter = ""
      openDetail(false, env)
      return [.present(.filter), .send(.filtered)]
    case .toggleRetracted:
      showRetracted.toggle()
      // The cursor stays on its entry, or the nearest one shown.
      if let anchor = timelineAnchor { follow(anchor, env) } else { timeline = ListCursor() }
    case .openForm(let kind):
      if kind == .retraction { return openRetraction(env) }
      return FormOpening.open(kind, for: env.selection(list)?.account, env)
    case .pick(let pick): select(pick, env)
    default: break
    }
    return []
  }

  /// The filter being typed (the modal): the list narrows with every key, from its first row.
  mutating func reduceFilter(_ action: Action) -> [Effect] {
    var effects: [Effect] = []
    switch action {
    case .submit: effects = [.dismiss]
    case .cancel:
      filter = ""
      effects = [.dismiss]
    default:
      guard let edited = TextField.editFilter(filter, cursor: filterCursor, action) else { return [] }
      // Only the cursor moved: the list stays as it is.
      let changed = edited.text != filter
      filter = edited.text
      filterCursor = edited.cursor
      if !changed { return [] }
    }
    list = ListCursor()
    matchAnchor = nil
    resetTimeline()
    return effects + [.send(.filtered)]
  }

  /// The list's cursor moved to another row: the timeline starts at its newest entry, or, on an entry
  /// a text search listed, at that entry.
  private mutating func listMoved(_ env: ScreenEnvironment) {
    resetTimeline()
    matchAnchor = nil
    guard let match = env.projection.textMatch(atRow: list.selection) else { return }
    matchAnchor = MatchAnchor(seq: match.seq, row: list.selection)
    follow(TimelineAnchor(slug: match.account, seq: match.seq, day: match.day, index: timeline.selection), env)
  }

  /// Opens the selected account's detail (full-screen below the split size, else the detail pane takes
  /// the keys), or goes back to the list.
  private mutating func openDetail(_ open: Bool, _ env: ScreenEnvironment) {
    guard !open || env.selection(list) != nil else { return }
    isDetailOpen = open
    focus = open ? .detail : .list
    // From now on the cursor follows the entry it is on.
    if open && timelineAnchor == nil { anchorTimeline(timelineEntries(env), env) }
  }

  /// `Enter` on the timeline: the entry under the cursor, whole.
  private mutating func openReading(_ env: ScreenEnvironment) -> [Effect] {
    let entries = timelineEntries(env)
    guard focus == .detail, let slug = env.selection(list)?.account.slug, entries.indices.contains(timeline.selection)
    else { return [.say("nothing to read: move to a timeline entry first")] }
    reading = EntryReading(slug: slug, seq: entries[timeline.selection].seq)
    return []
  }

  /// The entry read whole: its page scrolls; Esc or Enter goes back to the timeline.
  private mutating func reduceReading(_ action: Action, _ env: ScreenEnvironment) -> [Effect] {
    guard var reading else { return [] }
    switch action {
    case .back, .readEntry, .toggleDetail:
      self.reading = nil
      return []
    case .move(let move):
      let lines = EntryReader.lines(reading, env, width: env.layout.detail.width)
      reading.page.scroll(move, count: lines.count, height: EntryReader.height(env))
    case .openForm(.retraction):
      self.reading = nil
      return openRetraction(env)
    default: return []
    }
    self.reading = reading
    return []
  }

  /// `u`: the retraction of the timeline entry under the cursor, confirmed in a form.
  private func openRetraction(_ env: ScreenEnvironment) -> [Effect] {
    if let refusal = env.writeRefusal(for: FormOpening.purpose(of: .retraction)) { return [.say(refusal)] }
    guard let account = env.selection(list)?.account else { return [.say("no account selected")] }
    let entries = timelineEntries(env)
    guard focus == .detail, entries.indices.contains(timeline.selection) else {
      return [.say("Tab to the timeline and move to the entry to retract")]
    }
    let entry = entries[timeline.selection]
    guard !entry.isRetracted else { return [.say("#\(entry.seq) is already retracted")] }
    return [.present(.form(.retraction(of: entry, in: account)))]
  }

  /// The selected account's timeline as shown (retracted entries only with `x`), newest first.
  func timelineEntries(_ env: ScreenEnvironment) -> [TimelineEntry] {
    guard let slug = env.selection(list)?.account.slug else { return [] }
    return (try? env.book.timeline(of: slug, includingRetracted: showRetracted)) ?? []
  }

  /// Timeline entries the detail shows at the current size (under its "Next" lines).
  func timelineHeight(_ env: ScreenEnvironment) -> Int {
    guard let item = env.selection(list) else { return env.layout.timelineHeight(thin: false) }
    return max(1, env.layout.timelineHeight(thin: item.health.isThin) - AccountDetail.nextLineCount(item))
  }

  // MARK: Following entries

  /// The timeline starts again at its newest entry, following nothing.
  mutating func resetTimeline() {
    timeline = ListCursor()
    timelineAnchor = nil
  }

  /// After this dashboard saved `records`: the cursor goes to the first of them if the timeline shows
  /// it (the touchpoint just logged), else to the newest entry, and follows it.
  mutating func showSaved(_ records: [Record], _ env: ScreenEnvironment) {
    resetTimeline()
    let entries = timelineEntries(env)
    if let seq = records.first?.seq, let index = entries.firstIndex(where: { $0.seq == seq }) {
      timeline.select(index, count: entries.count, height: timelineHeight(env))
    }
    anchorTimeline(entries, env)
  }

  /// Remembers the entry now under the timeline's cursor.
  private mutating func anchorTimeline(_ entries: [TimelineEntry], _ env: ScreenEnvironment) {
    guard let slug = env.selection(list)?.account.slug, entries.indices.contains(timeline.selection) else {
      timelineAnchor = nil
      return
    }
    let entry = entries[timeline.selection]
    timelineAnchor = TimelineAnchor(slug: slug, seq: entry.seq, day: entry.day, index: timeline.selection)
  }

  /// Puts the timeline's cursor on `anchor`'s entry, or, when it is not shown (retracted, hidden), on
  /// the entry that now takes its place in the order (the next older one, else the oldest).
  private mutating func follow(_ anchor: TimelineAnchor, _ env: ScreenEnvironment) {
    let entries = timelineEntries(env)
    let index =
      entries.firstIndex { $0.seq == anchor.seq }
      ?? entries.firstIndex { ($0.day, $0.seq) < (anchor.day, anchor.seq) } ?? max(0, entries.count - 1)
    timeline.select(index, count: entries.count, height: timelineHeight(env))
    anchorTimeline(entries, env)
  }

  /// Keeps the list's cursor in range (after the rows, the filter or the text matches changed) and on
  /// the text match it was on; keeps the timeline's cursor on its entry, or in range when `timeline`
  /// (after a resize).
  mutating func clamp(_ env: ScreenEnvironment, timeline clampTimeline: Bool = false) {
    let projection = env.projection
    if let anchor = matchAnchor, list.selection == anchor.row,
      let offset = projection.textMatches.matches.firstIndex(where: { $0.seq == anchor.seq })
    {
      list.selection = projection.visible.count + offset
    }
    list.clamp(count: projection.listCount, height: env.layout.listHeight)
    if let match = projection.textMatch(atRow: list.selection), matchAnchor != nil {
      matchAnchor = MatchAnchor(seq: match.seq, row: list.selection)
    } else {
      matchAnchor = nil
    }
    if let anchor = timelineAnchor {
      // Followed only while it is the selected account's and nobody else moved the cursor.
      if anchor.slug == env.selection(list)?.account.slug, anchor.index == timeline.selection {
        follow(anchor, env)
      } else {
        resetTimeline()
      }
    } else if clampTimeline {
      timeline.clamp(count: timelineEntries(env).count, height: timelineHeight(env))
    }
  }
}

/// The timeline entry read whole: which one (by its account and seq, so that it stays itself while the
/// journal grows), and how far its page is scrolled.
public struct EntryReading: Sendable, Equatable {
  public var slug: String
  public var seq: Int
  public var page = ListCursor()
}
