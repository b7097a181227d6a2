/// The summary of a standup, held or still open, made to paste into chat or mail (plain text or
/// Markdown; the CLI also writes it as JSON): who ran it, for whom, each account discussed with its
/// health, why it was on the agenda and its note, the action items, the accounts skipped and those not
/// reached. `text(of: agenda)` is the agenda as a pre-read.
public struct StandupSummary: Sendable, Equatable {
  /// One account of the summary.
  public struct Card: Sendable, Equatable {
    public var slug: String
    public var name: String
    public var owner: String?
    /// "red 35 ↓-12", "yellow 100 (thin data: 1 of 5 measures)".
    public var health: String
    public var reasons: [StandupAgenda.Reason]
    public var note: String?
  }

  /// One action item (a task).
  public struct Action: Sendable, Equatable {
    public var task: Int
    public var slug: String
    public var name: String
    public var text: String
    public var owner: String?
    public var due: Day
  }

  public var day: Day
  /// Who ran it (who started it, for one still open).
  public var ranBy: String
  public var owner: String?
  /// Still open: the cards not reached are still to go.
  public var isOpen: Bool
  /// The `standup.held` record's sequence number, or the `standup.started` one's while it is open.
  public var seq: Int
  public var discussed: [Card]
  public var skipped: [Card]
  public var notReached: [Card]
  public var actions: [Action]

  /// The summary of `standup`, held.
  public init(_ standup: Standup, in book: Book) {
    self.init(
      day: standup.day, ranBy: standup.ranBy, owner: standup.owner, isOpen: false, seq: standup.seq,
      discussed: standup.discussed, skipped: standup.skipped, notReached: standup.notReached,
      notes: standup.notes, actions: standup.actions, book: book)
  }

  /// The summary of `standup` so far, still open, on `today`.
  public init(open standup: OpenStandup, in book: Book, today: Day) {
    self.init(
      day: today, ranBy: standup.startedBy, owner: standup.owner, isOpen: true, seq: standup.seq,
      discussed: standup.discussed, skipped: standup.skipped, notReached: standup.notReached,
      notes: standup.notes, actions: standup.actions, book: book)
  }

  private init(
    day: Day, ranBy: String, owner: String?, isOpen: Bool, seq: Int, discussed: [String], skipped: [String],
    notReached: [String], notes: [String: String], actions: [Int], book: Book
  ) {
    self.day = day
    self.ranBy = ranBy
    self.owner = owner
    self.isOpen = isOpen
    self.seq = seq
    let assessor = Assessor(book: book, today: day)
    let card = { (slug: String) -> Card in
      guard let account = book.accounts[slug] else {
        return Card(slug: slug, name: slug, owner: nil, health: "unknown", reasons: [], note: notes[slug])
      }
      let assessment = assessor.assess(account)
      return Card(
        slug: slug, name: account.name, owner: account.owner, health: Self.healthText(assessment),
        reasons: StandupAgenda.reasons(assessment, today: day), note: notes[slug])
    }
    self.discussed = discussed.map(card)
    self.skipped = skipped.map(card)
    self.notReached = notReached.map(card)
    self.actions = actions.compactMap { id in
      guard let task = book.tasks[id], !task.meta.isRetracted else { return nil }
      return Action(
        task: id, slug: task.account, name: book.accounts[task.account]?.name ?? task.account, text: task.text,
        owner: task.owner, due: task.due)
    }
  }

  private var scope: String { owner.map { "\($0)'s accounts" } ?? "everyone's accounts" }

  /// "2 accounts discussed · 1 skipped · 1 not reached · 1 action item" (not reached only when some
  /// were; "to go" while open).
  public var counts: String {
    var parts = [Self.count(discussed.count, "account") + " discussed", "\(skipped.count) skipped"]
    if !notReached.isEmpty { parts.append("\(notReached.count) " + (isOpen ? "to go" : "not reached")) }
    parts.append(Self.count(actions.count, "action item"))
    return parts.joined(separator: " · ")
  }

  /// Plain text, a line per account or action item.
  public var text: String {
    let heading =
      isOpen
      ? "Standup \(day) (in progress), started by \(ranBy) — \(scope)" : "Standup \(day), run by \(ranBy) — \(scope)"
    var lines = [heading, counts]
    let section = { (title: String, cards: [Card], details: Bool) in
      guard !cards.isEmpty else { return }
      lines += ["", title]
      for card in cards {
        let head = "- \(card.name) (\(card.slug))"
        lines.append(details ? head + ", \(card.owner ?? "no owner"): \(card.health)" + Self.reasonText(card) : head)
        if let note = card.note { lines.append("  note: \(note)") }
      }
    }
    section("Discussed", discussed, true)
    if !actions.isEmpty {
      lines += ["", "Action items"]
      for action in actions {
        lines.append("- \(action.name): \(action.text) — @\(action.owner ?? "nobody"), due \(action.due)")
      }
    }
    section("Skipped", skipped, false)
    section(isOpen ? "To go" : "Not reached", notReached, false)
    return lines.joined(separator: "\n") + "\n"
  }

  /// Markdown: a heading, the counts, a section per list; names and notes escaped.
  public var markdown: String {
    let state = isOpen ? " (in progress)" : ""
    var lines = [
      "# Standup \(day)\(state) — \(Self.escaped(scope))", "",
      "\(isOpen ? "Started" : "Run") by \(Self.escaped(ranBy)). \(counts).",
    ]
    let section = { (title: String, cards: [Card], details: Bool) in
      guard !cards.isEmpty else { return }
      lines += ["", "## \(title)", ""]
      for card in cards {
        let head = "- **\(Self.escaped(card.name))** (`\(card.slug)`)"
        let owner = Self.escaped(card.owner ?? "no owner")
        lines.append(details ? head + ", \(owner): \(card.health)" + Self.reasonText(card) : head)
        if let note = card.note { lines.append("  - Note: \(Self.escaped(note))") }
      }
    }
    section("Discussed", discussed, true)
    if !actions.isEmpty {
      lines += ["", "## Action items", ""]
      for action in actions {
        lines.append(
          "- [ ] **\(Self.escaped(action.name))**: \(Self.escaped(action.text)) — "
            + "@\(Self.escaped(action.owner ?? "nobody")), due \(action.due) (task #\(action.task))")
      }
    }
    section("Skipped", skipped, false)
    section(isOpen ? "To go" : "Not reached", notReached, false)
    return lines.joined(separator: "\n") + "\n"
  }

  /// The record of `standup` as plain text (see `text`).
  public static func text(of standup: Standup, in book: Book) -> String { StandupSummary(standup, in: book).text }

  /// The agenda as a pre-read: each account with why it is there, its plays and what changed.
  public static func text(of agenda: StandupAgenda) -> String {
    let scope = agenda.owner.map { "\($0)'s accounts" } ?? "everyone's accounts"
    let since = agenda.previous.map { "since the standup of \($0.day)" } ?? "since \(agenda.since) (no standup yet)"
    var lines = ["Standup agenda \(agenda.today) — \(scope), \(count(agenda.items.count, "account")), changes \(since)"]
    if agenda.items.isEmpty {
      lines.append("Nothing to review: no unowned or red accounts, no falls, no renewals at risk, no detractors.")
    }
    for item in agenda.items {
      let reasons = item.reasons.isEmpty ? "" : " — " + item.reasons.map(\.label).joined(separator: ", ")
      lines += [
        "",
        "\(item.account.name) (\(item.account.slug)), \(item.account.owner ?? "no owner"): "
          + healthText(item.assessment) + reasons,
      ]
      if item.previous?.seq != agenda.previous?.seq { lines.append("  (changes \(item.sinceText))") }
      for play in item.overduePlays {
        lines.append("  ! \(play.title), due \(play.due), \(play.daysLate(on: agenda.today)) days late")
      }
      for play in item.openPlays { lines.append("  · \(play.title), due \(play.due)") }
      for change in item.changes { lines.append("  + \(change)") }
    }
    return lines.joined(separator: "\n") + "\n"
  }

  /// "red 35 ↓-12", "yellow 100 (thin data: 1 of 5 measures)" or "unknown".
  static func healthText(_ assessment: Assessment) -> String {
    let score = assessment.health.score.map { " \($0)" } ?? ""
    let change = assessment.trend.change.map { $0 > 0 ? "+\($0)" : "\($0)" } ?? ""
    let trend = assessment.trend.direction == .new ? "" : " \(assessment.trend.arrow)\(change)"
    let thin = assessment.health.thinDataNote.map { " (\($0))" } ?? ""
    return assessment.health.health.rawValue + score + trend + thin
  }

  private static func reasonText(_ card: Card) -> String {
    card.reasons.isEmpty ? "" : " — " + card.reasons.map(\.label).joined(separator: ", ")
  }

  /// Markdown's special characters in text from users, backslash-escaped.
  static func escaped(_ text: String) -> String {
    var result = ""
    for character in text {
      if "\\`*_[]<>#|~".contains(character) { result.append("\\") }
      result.append(character)
    }
    return result
  }

  private static func count(_ number: Int, _ noun: String) -> String { "\(number) \(noun)\(number == 1 ? "" : "s")" }
}
