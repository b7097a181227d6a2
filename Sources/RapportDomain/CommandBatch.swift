import RapportJournal

/// Validates commands in order, each against the book as the commands before it left it, and collects
/// their drafts: what an all-or-nothing batch (an import) appends.
///
/// Each accepted command's drafts are folded into a working copy of the book as provisional records
/// (the sequence numbers they will get, recorded at `time` by `user`), so a later command sees an
/// earlier one's effect: an account created by command 1 exists for command 2. A refused command is
/// skipped and remembered, so that one pass names every refusal. The working copy is made once, when
/// the first command is folded in; each command then costs what folding one record costs, never a copy
/// of the book.
public struct CommandBatch: Sendable {
  /// What becomes of the accepted commands' drafts.
  public enum Keeping: Sendable {
    /// In `drafts`, with `draftRanges`: a batch of a few commands.
    case drafts
    /// In `draftList`, compactly (no `draftRanges`): a batch of a million.
    case list
    /// Nowhere: the batch is only checked (a dry run).
    case nothing
  }

  /// The book as the accepted commands leave it (without the usage samples of a batch of usage alone,
  /// which no command of the batch looks at).
  public private(set) var book: Book
  public private(set) var drafts: [EventDraft] = []
  /// The drafts, when kept as a list.
  public private(set) var draftList = DraftList()
  public private(set) var refusals: [BatchRefusal] = []
  /// For each command, the range of `drafts` it produced (empty when refused); only when keeping drafts.
  public private(set) var draftRanges: [Range<Int>] = []
  /// How many commands were added.
  public private(set) var commandCount = 0
  public let context: Context
  private let keeping: Keeping
  /// Whether usage samples are folded into `book`. A batch made only of `recordUsage` commands leaves
  /// them out: validating a usage sample reads the account, the value and the date, never the samples
  /// before it, and a million of them would cost a copy of the book's usage and seconds of folding.
  private let foldsUsage: Bool

  public init(book: Book, context: Context) {
    self.init(book: book, context: context, keeping: .drafts, foldsUsage: true)
  }

  private init(book: Book, context: Context, keeping: Keeping, foldsUsage: Bool) {
    self.book = book
    self.context = context
    self.keeping = keeping
    self.foldsUsage = foldsUsage
  }

  public init(_ commands: some Collection<Command>, in book: Book, context: Context, keeping: Keeping = .drafts) {
    let usageOnly = commands.allSatisfy { if case .recordUsage = $0 { true } else { false } }
    self.init(book: book, context: context, keeping: keeping, foldsUsage: !usageOnly)
    if keeping == .list { draftList.reserveCapacity(commands.count) }
    for command in commands { add(command) }
  }

  public var isAccepted: Bool { refusals.isEmpty }

  /// Validates `command` against the book so far; folds its drafts in when accepted.
  public mutating func add(_ command: Command) {
    let index = commandCount
    commandCount += 1
    let made: [EventDraft]
    do throws(DomainError) {
      made = try command.drafts(in: book, context: context)
    } catch {
      refusals.append(BatchRefusal(index: index, error: error))
      if keeping == .drafts { draftRanges.append(drafts.count..<drafts.count) }
      return
    }
    let start = drafts.count
    for draft in made {
      if foldsUsage || draft.type != EventType.usageRecorded.rawValue {
        let record = Record(
          schema: Record.currentSchema, seq: book.lastSeq + 1, id: draft.id, recordedAt: context.now,
          recordedBy: context.user,
          type: draft.type, account: draft.account, data: draft.data, batch: nil, hash: "", offset: 0)
        book.apply(record)
      }
      switch keeping {
      case .drafts: drafts.append(draft)
      case .list: draftList.append(draft)
      case .nothing: break
      }
    }
    if keeping == .drafts { draftRanges.append(start..<drafts.count) }
  }
}

extension Desk {
  /// Validates `commands` in order against the latest state, each seeing the ones before it, and appends
  /// all their events as one batch, or nothing: a refused command throws `BatchRefused` naming every
  /// refused command, and no byte is written.
  @discardableResult
  public mutating func perform(
    batch commands: [Command], in context: Context, onRepair: (LineProblem) -> Void = { _ in }
  ) throws -> Journal.AppendOutcome {
    try perform(planning: { _ in commands }, in: context, onRepair: onRepair)
  }

  /// Like `perform(batch:)`, but the commands are made under the journal's lock from the latest book
  /// (after other writers' records are folded in), so that a plan that depends on what is already
  /// there (an import that leaves present rows alone) cannot race another writer. `plan` may throw to
  /// refuse; nothing is written then.
  @discardableResult
  public mutating func perform(
    planning plan: (Book) throws -> [Command], in context: Context, onRepair: (LineProblem) -> Void = { _ in }
  ) throws -> Journal.AppendOutcome {
    let outcome = try journal.append(by: context.user, at: context.now, onRepair: onRepair) { tail in
      if tail.offset != position.offset { try refresh() }
      let batch = CommandBatch(try plan(book), in: book, context: context)
      guard batch.isAccepted else { throw BatchRefused(refusals: batch.refusals) }
      // `batch` and its working copy of the book end with this closure, before the records are folded
      // below, so that folding them into `book` mutates it in place.
      return batch.drafts
    }
    for record in outcome.records { book.apply(record) }
    if !outcome.records.isEmpty { position = outcome.end }
    pendingTail = nil
    return outcome
  }
}

extension Desk {
  /// Like `perform(planning:)`, for a batch of any size (a million imported rows): the drafts are kept
  /// compactly and streamed into the journal, and the records are not all returned. The batch's
  /// records are not folded into `book` either (folding a million records costs seconds and the
  /// memory of the samples): `book` and `position` stay where they were, and the next `refresh()`
  /// reads the batch like any other writer's records.
  @discardableResult
  public mutating func perform<Commands: Collection<Command>>(
    largeBatch plan: (Book) throws -> Commands, in context: Context, onRepair: (LineProblem) -> Void = { _ in }
  ) throws -> Journal.BatchOutcome {
    let outcome = try journal.append(batchBy: context.user, login: context.login, at: context.now, onRepair: onRepair) {
      tail in
      if tail.offset != position.offset { try refresh() }
      let batch = CommandBatch(try plan(book), in: book, context: context, keeping: .list)
      guard batch.isAccepted else { throw BatchRefused(refusals: batch.refusals) }
      return batch.draftList
    }
    pendingTail = nil
    return outcome
  }
}
