import RapportDomain

/// The due screen: the user's plays or everyone's, a cursor over them; `t` (or Enter) opens the entry
/// that closes the play under the cursor.
public struct DueState: Sendable, Equatable {
  public enum Scope: String, Sendable {
    case mine, everyone
  }

  public var scope: Scope = .mine
  /// The cursor over the plays shown.
  public var cursor = ListCursor()

  public init() {}

  mutating func reduce(_ action: Action, _ env: ScreenEnvironment) -> [Effect] {
    switch action {
    case .toggleDueScope:
      scope = scope == .mine ? .everyone : .mine
      cursor = ListCursor()
    case .closePlay: return closeSelectedPlay(env)
    case .move(let move): cursor.move(move, count: plays(env).count, height: Self.height(env.layout))
    case .pick(let pick): select(pick, env)
    default: break
    }
    return []
  }

  /// Open plays, overdue first then by due date, for the user or everyone.
  func plays(_ env: ScreenEnvironment) -> [Play] { plays(env.projection.due) }

  func plays(_ due: DuePlays) -> [Play] { scope == .mine ? due.mine : due.everyone }

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
