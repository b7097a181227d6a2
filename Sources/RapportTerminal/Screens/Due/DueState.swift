import RapportDomain

/// The due screen: the user's plays or everyone's, narrowed by a filter (`/`), a cursor over them; `t`
/// (or Enter) opens the entry that closes the play under the cursor. The cursor follows its play, not
/// its position: when the list changes under it (another writer's append, the filter), it finds the
/// play again, and when the play is gone, the one now nearest to where it was.
public struct DueState: Sendable, Equatable {
  public enum Scope: String, Sendable {
    case mine, everyone
  }

  public var scope: Scope = .mine
  /// The cursor over the plays shown.
  public var cursor = ListCursor()
  /// The play under the cursor, as last seen (nil: none shown).
  public var anchor: Play?
  /// The filter (by account name, id, owner or play), as typed with `/`.
  public var filter = "" {
    didSet { if filter.isEmpty { filterCursor = nil } }
  }
  /// The filter's cursor while it is typed (nil: at the end).
  public var filterCursor: Int?

  public init() {}

  mutating func reduce(_ action: Action, _ env: ScreenEnvironment) -> [Effect] {
    switch action {
    case .toggleDueScope:
      scope = scope == .mine ? .everyone : .mine
      cursor = ListCursor()
    case .closePlay: return closeSelectedPlay(env)
    case .move(let move): cursor.move(move, count: plays(env).count, height: Self.height(env.layout))
    case .pick(let pick):
      select(pick, env)
      return []
    case .editFilter:
      // A new filter, as on the account list.
      filter = ""
      return [.present(.filter), .send(.filtered)]
    case .back:
      guard !filter.isEmpty else { return [.send(.show(.main))] }
      filter = ""
      return [.send(.filtered)]
    default: return []
    }
    anchor = selectedPlay(env)
    return []
  }

  /// The filter being typed (the modal): the plays narrow with every key; the cursor stays on its play
  /// while it matches.
  mutating func reduceFilter(_ action: Action) -> [Effect] {
    switch action {
    case .submit: return [.dismiss]
    case .cancel:
      filter = ""
      return [.dismiss, .send(.filtered)]
    default:
      guard let edited = TextField.editFilter(filter, cursor: filterCursor, action) else { return [] }
      // Only the cursor moved: the list stays as it is.
      let changed = edited.text != filter
      filter = edited.text
      filterCursor = edited.cursor
      return changed ? [.send(.filtered)] : []
    }
  }

  /// The plays shown: the user's or everyone's, as the filter leaves them, in the order of urgency.
  func plays(_ env: ScreenEnvironment) -> [Play] { plays(env.projection) }

  func plays(_ projection: Projection) -> [Play] {
    scope == .mine ? projection.dueShown.mine : projection.dueShown.everyone
  }

  /// The play under the cursor.
  func selectedPlay(_ env: ScreenEnvironment) -> Play? {
    let plays = plays(env)
    return plays.indices.contains(cursor.selection) ? plays[cursor.selection] : nil
  }

  /// Plays the screen shows (the page's first line is the column header).
  static func height(_ layout: Layout) -> Int { max(1, layout.pageHeight - 1) }

  /// Keeps the cursor on a play and in view.
  mutating func clamp(_ env: ScreenEnvironment) {
    cursor.clamp(count: plays(env).count, height: Self.height(env.layout))
  }

  /// Puts the cursor back on its play in the list as it is now (found by the due order, else by what
  /// the play is, in case its day moved); when it is gone, on the play now in its place. The window
  /// moves with it, so the rows around it stay where they were.
  mutating func follow(_ env: ScreenEnvironment) {
    let plays = plays(env)
    if let anchor {
      let order = Projection.dueOrder(env.today)
      var index = plays.insertionIndex(of: anchor, by: order)
      if !(plays.indices.contains(index) && Self.same(plays[index], anchor)),
        let found = plays.firstIndex(where: { Self.same($0, anchor) })
      {
        index = found
      }
      cursor.scroll += index - cursor.selection
      cursor.selection = index
    }
    clamp(env)
    anchor = selectedPlay(env)
  }

  /// Whether two plays are the same thing to do (their day may have moved).
  static func same(_ left: Play, _ right: Play) -> Bool {
    left.account == right.account && left.code == right.code && left.taskID == right.taskID
      && left.title == right.title
  }

  /// Opens the form that closes the play under the cursor: a touchpoint of the kind the rule looks
  /// for, a value note, a success criterion, or the task's completion.
  private func closeSelectedPlay(_ env: ScreenEnvironment) -> [Effect] {
    guard let play = selectedPlay(env), let account = env.book.accounts[play.account] else {
      return [.say("no play selected")]
    }
    if let refusal = env.writeRefusal(for: "close a play") { return [.say(refusal)] }
    switch PlayClosing(play.code) {
    case .touchpoint(let kind):
      var form = EntryForm.touchpoint(for: account, kind: kind, note: "closes \(play.title) with \(play.evidence)")
      form.closes = play.code
      return [.present(.form(form))]
    case .valueNote: return [.present(.form(.valueNote(for: account)))]
    case .npsResponse: return [.present(.form(.nps(for: account)))]
    case .renewalOutcome:
      return [.say("record the outcome: rapport renewal \(account.slug) renewed|expanded|downsized|churned")]
    case .criterion: return [.present(.form(.criterion(for: account)))]
    case .completeTask:
      guard let id = play.taskID, let task = env.book.tasks[id] else { return [] }
      return [.present(.form(.taskCompletion(task, in: account)))]
    }
  }
}
