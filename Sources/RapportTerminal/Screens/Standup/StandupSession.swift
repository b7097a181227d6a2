import RapportDomain

/// A standup in progress on the dashboard: the agenda, the card shown, what was discussed or skipped,
/// the action items added (already saved as tasks), and, once finished, the summary.
public struct StandupSession: Sendable, Equatable {
  public var agenda: StandupAgenda
  /// The card shown: a cursor over the agenda, one card at a time.
  public var cards = ListCursor()
  public var byOwner = false
  public var discussed: [String] = []
  public var skipped: [String] = []
  /// Task ids of the action items added so far.
  public var actions: [Int] = []
  /// The summary, once the standup is recorded; the session then only shows it.
  public var summary: String?

  public init(agenda: StandupAgenda, byOwner: Bool = false) {
    self.agenda = agenda
    self.byOwner = byOwner
  }

  /// The card shown (index into the agenda).
  public var index: Int { cards.selection }

  public var current: StandupAgenda.Item? {
    agenda.items.indices.contains(index) ? agenda.items[index] : nil
  }

  public var isFinished: Bool { summary != nil }

  /// Where the card stands: discussed, skipped, or not yet.
  public func status(of slug: String) -> String {
    if discussed.contains(slug) { return "discussed" }
    if skipped.contains(slug) { return "skipped" }
    return "to discuss"
  }

  /// Moves to another card.
  public mutating func move(_ move: ListCursor.Move) {
    cards.move(move, count: agenda.items.count, height: 1)
  }

  /// Marks the current card discussed (or skipped) and moves on.
  public mutating func mark(discussed isDiscussed: Bool) {
    guard let slug = current?.account.slug else { return }
    discussed.removeAll { $0 == slug }
    skipped.removeAll { $0 == slug }
    if isDiscussed { discussed.append(slug) } else { skipped.append(slug) }
    move(.down)
  }

  /// A new agenda (regrouped, or after others' appends), keeping the card on the same account.
  public mutating func replaceAgenda(_ newAgenda: StandupAgenda) {
    let slug = current?.account.slug
    agenda = newAgenda
    let kept =
      slug.flatMap { slug in newAgenda.items.firstIndex { $0.account.slug == slug } }
      ?? min(index, max(0, newAgenda.items.count - 1))
    cards.select(kept, count: newAgenda.items.count, height: 1)
  }
}
