import RapportJournal

/// The domain's front door: a book folded from a journal, kept current, and the one place where commands
/// become appended events (validated under the journal's lock against the very latest state).
public struct Desk: Sendable {
  public let journal: Journal
  public let user: String
  public package(set) var book: Book
  public package(set) var position: JournalPosition
  /// Invalid lines met while reading (reported and quarantined by the front end).
  public package(set) var problems: [LineProblem] = []
  /// An unfinished tail seen at the last read: a write in progress, or a crashed writer's fragment.
  public package(set) var pendingTail: LineProblem?

  /// A desk whose book is folded up to `position` of `journal` (a checkpoint's, or the start).
  package init(journal: Journal, user: String, book: Book, position: JournalPosition) {
    self.journal = journal
    self.user = user
    self.book = book
    self.position = position
  }

  /// Opens `journal` and folds all of it.
  public static func open(_ journal: Journal, user: String) throws -> Desk {
    var desk = Desk(journal: journal, user: user, book: Book(), position: .start)
    try desk.refresh()
    return desk
  }

  /// Folds records appended since the last read; returns how many.
  @discardableResult
  public mutating func refresh() throws -> Int {
    try refresh { _ in }
  }

  /// What `refreshReportingChanges()` brought.
  public struct Changes: Sendable, Equatable {
    /// Records folded in.
    public var records: Int
    /// The accounts they touched (see `Book.accountsTouched(by:)`); nil when every account may have
    /// changed (a configuration change).
    public var accounts: Set<String>?

    public init(records: Int, accounts: Set<String>?) {
      self.records = records
      self.accounts = accounts
    }
  }

  /// Folds records appended since the last read, like `refresh()`, and says which accounts they touched,
  /// so that a viewer can re-assess only those.
  public mutating func refreshReportingChanges() throws -> Changes {
    var touched: Set<String>? = []
    let records = try fold { book, record in
      book.apply(record)
      guard touched != nil else { return }
      if let slugs = book.accountsTouched(by: record) { touched?.formUnion(slugs) } else { touched = nil }
    }
    return Changes(records: records, accounts: touched)
  }

  /// Folds records appended since the last read, handing each to `folded` once it is in the book.
  package mutating func refresh(_ folded: (Record) -> Void) throws -> Int {
    try fold { book, record in
      book.apply(record)
      folded(record)
    }
  }

  /// Scans the records appended since the last read, handing each with the book to `fold`.
  ///
  /// The book is handed in place: passed by value (even `borrowing`), it was copied for every record, a
  /// retain and a release of each of its parts, about a twentieth of a full replay; and a local copy
  /// would duplicate the whole book on its first write.
  private mutating func fold(_ fold: (inout Book, Record) -> Void) throws -> Int {
    let outcome = try journal.scan(from: position) { record in fold(&self.book, record) }
    position = outcome.position
    problems.append(contentsOf: outcome.problems)
    book.reserveAccounts(namedIn: outcome.problems, of: journal)
    pendingTail = outcome.pendingTail
    return outcome.accepted
  }

  /// Validates `command` against the latest state and appends its events, all or nothing, written at
  /// `context.now` by `context.user`. `onRepair` hears of every unfinished tail the append sets aside
  /// first, even if the command is then refused.
  @discardableResult
  public mutating func perform(
    _ command: Command, in context: Context, onRepair: (LineProblem) -> Void = { _ in }
  ) throws -> Journal.AppendOutcome {
    let outcome = try journal.append(by: context.user, login: context.login, at: context.now, onRepair: onRepair) {
      tail in
      if tail.offset != position.offset { try refresh() }
      return try command.drafts(in: book, context: context)
    }
    for record in outcome.records { book.apply(record) }
    if !outcome.records.isEmpty { position = outcome.end }
    pendingTail = nil
    return outcome
  }

  /// The same fold, cut at `day`.
  public func book(asOf day: Day) throws -> Book {
    var past = Book(asOf: day)
    _ = try journal.scan(from: .start) { record in past.apply(record) }
    return past
  }
}
