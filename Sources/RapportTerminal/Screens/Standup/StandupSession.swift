import RapportDomain

/// A standup on the dashboard: the cards (the agenda, refreshed from the book), the card shown, and the
/// standup in the journal it follows. Until its first step (a card reviewed, a note, an action item,
/// `A`, `F`) nothing is written and `open` is nil; from then on its progress is the journal's
/// (`Book.openStandups`), so every dashboard showing it, and any that resumes it, sees the same.
public struct StandupSession: Sendable, Equatable {
  public var agenda: StandupAgenda
  /// The card shown: a cursor over the agenda, one card at a time.
  public var cards = ListCursor()
  /// The first line of the card shown (a card taller than the screen scrolls).
  public var cardScroll = 0
  public var byOwner = false
  /// The owner whose accounts are reviewed (nil: everyone's).
  public var owner: String?
  /// The agenda's accounts in their own order (grouping by owner only changes how they show).
  public var order: [String]
  /// Whether every account is on the agenda (`A`).
  public var all: Bool
  /// The standup in the journal, as last folded; nil before the first step.
  public var open: OpenStandup?
  /// The summary, once the standup is held; the session then only shows it.
  public var summary: StandupSummary?

  /// A new standup, not written yet, with `agenda`.
  public init(agenda: StandupAgenda, byOwner: Bool = false) {
    self.agenda = agenda
    self.byOwner = byOwner
    owner = agenda.owner
    all = agenda.all
    order = agenda.items.map(\.account.slug)
  }

  /// The standup `open` of the journal, on its first card not yet reviewed.
  public init(resuming open: OpenStandup, book: Book, today: Day) {
    self.init(agenda: StandupAgenda(book: book, today: today, owner: open.owner, all: open.all, fixed: open.agenda))
    self.open = open
    let first = agenda.items.firstIndex { open.outcome(of: $0.account.slug) == nil } ?? 0
    cards.select(first, count: agenda.items.count, height: 1)
  }

  /// The card shown (index into the agenda).
  public var index: Int { cards.selection }

  public var current: StandupAgenda.Item? {
    agenda.items.indices.contains(index) ? agenda.items[index] : nil
  }

  public var isFinished: Bool { summary != nil }

  public var discussed: [String] { open?.discussed ?? [] }
  public var skipped: [String] { open?.skipped ?? [] }
  /// Task ids of the action items added so far.
  public var actions: [Int] { open?.actions ?? [] }

  /// The cards neither discussed nor skipped.
  public var cardsLeft: Int { agenda.items.filter { open?.outcome(of: $0.account.slug) == nil }.count }

  /// Which standup a step is for: the open one, else a new one with this agenda (started by the step).
  public var target: StandupTarget {
    if let open { return .open(id: open.id) }
    return .new(StandupPlan(day: agenda.today, owner: owner, agenda: order, all: all))
  }

  /// Where the card stands: discussed, skipped, or not yet.
  public func status(of slug: String) -> String { open?.outcome(of: slug)?.rawValue ?? "to discuss" }

  /// The card's note, if it has one.
  public func note(of slug: String) -> String? { open?.notes[slug] }

  /// Moves to another card (shown from its top).
  public mutating func move(_ move: ListCursor.Move) {
    let before = index
    cards.move(move, count: agenda.items.count, height: 1)
    if index != before { cardScroll = 0 }
  }

  /// A new agenda (regrouped, or after others' appends), keeping the card on the same account.
  public mutating func replaceAgenda(_ newAgenda: StandupAgenda) {
    let slug = current?.account.slug
    agenda = newAgenda
    let kept =
      slug.flatMap { slug in newAgenda.items.firstIndex { $0.account.slug == slug } }
      ?? min(index, max(0, newAgenda.items.count - 1))
    if kept != index { cardScroll = 0 }
    cards.select(kept, count: newAgenda.items.count, height: 1)
  }

  /// Takes the journal's state of the standup: its progress, its agenda, or its summary once held. A
  /// standup not written yet takes the one another dashboard started today for the same owner. When
  /// the card shown got an outcome (here or elsewhere), the next card shows, so every dashboard
  /// follows the one that runs the meeting.
  public mutating func sync(book: Book, today: Day) {
    guard !isFinished else { return }
    let previous = open
    if let id = open?.id {
      if let now = book.openStandup(id: id) {
        open = now
      } else if let held = book.standups.last(where: { $0.started == id }) {
        summary = StandupSummary(held, in: book)
        return
      } else {
        // Replaced by a newer standup for the same owner: the next step starts another.
        open = nil
      }
    } else if let started = book.openStandups.last(where: { $0.owner == owner && $0.day == today }) {
      open = started
    }
    if let open {
      order = open.agenda
      all = open.all
    }
    replaceAgenda(
      StandupAgenda(book: book, today: today, owner: owner, byOwner: byOwner, all: all, fixed: order))
    if let slug = current?.account.slug, let outcome = open?.outcome(of: slug),
      previous?.outcome(of: slug) != outcome
    {
      move(.down)
    }
  }
}
