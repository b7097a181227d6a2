import RapportDomain

/// The account list and the selected account's detail: the list's cursor, the detail pane, the
/// timeline's cursor, the filter.
public struct AccountsState: Sendable, Equatable {
  public enum Pane: Sendable, Equatable {
    case list, detail
  }

  /// The cursor over the filtered list.
  public var list = ListCursor()
  /// The timeline's cursor (newest first) while the detail has the keys: `u` retracts its entry.
  public var timeline = ListCursor()
  public var filter = "" {
    didSet { if filter.isEmpty { filterCursor = nil } }
  }
  /// The filter's cursor while it is typed (nil: at the end).
  public var filterCursor: Int?
  public var focus: Pane = .list
  /// The selected account's detail is open (Enter; Esc or Enter closes it): below the split size
  /// (`Layout.isSplit`) it replaces the list full-screen; above it, the detail pane has the keys.
  /// Kept equal to `focus == .detail`.
  public var isDetailOpen = false
  public var showRetracted = false

  public init() {}

  mutating func reduce(_ action: Action, _ env: ScreenEnvironment) -> [Effect] {
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
        list.move(move, count: env.projection.visible.count, height: env.layout.listHeight)
        if list.selection != before { timeline = ListCursor() }
      } else {
        timeline.move(move, count: timelineEntries(env).count, height: timelineHeight(env))
      }
    case .toggleDetail: openDetail(focus == .list, env)
    case .editFilter:
      filter = ""
      openDetail(false, env)
      return [.present(.filter), .send(.filtered)]
    case .toggleRetracted:
      showRetracted.toggle()
      timeline = ListCursor()
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
      let before = filter
      var text = filter
      var cursor = filterCursor
      guard TextField.edit(&text, cursor: &cursor, action, limit: 200) else { return [] }
      filter = text
      filterCursor = cursor
      // Only the cursor moved: the list stays as it is.
      if filter == before { return [] }
    }
    list = ListCursor()
    return effects + [.send(.filtered)]
  }

  /// Opens the selected account's detail (full-screen below the split size, else the detail pane takes
  /// the keys), or goes back to the list.
  private mutating func openDetail(_ open: Bool, _ env: ScreenEnvironment) {
    guard !open || env.selection(list) != nil else { return }
    isDetailOpen = open
    focus = open ? .detail : .list
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

  /// Timeline entries the detail shows at the current size.
  func timelineHeight(_ env: ScreenEnvironment) -> Int {
    env.layout.timelineHeight(thin: env.selection(list)?.health.isThin ?? false)
  }

  /// Keeps the list's cursor in range (after the rows or the filter changed), and the timeline's too
  /// when `timeline` (after a resize: reading the timeline costs too much for every poll).
  mutating func clamp(_ env: ScreenEnvironment, timeline clampTimeline: Bool = false) {
    list.clamp(count: env.projection.visible.count, height: env.layout.listHeight)
    if clampTimeline { timeline.clamp(count: timelineEntries(env).count, height: timelineHeight(env)) }
  }
}
