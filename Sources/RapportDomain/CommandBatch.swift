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
  /// The book as the accepted commands leave it.
  public private(set) var book: Book
  public private(set) var drafts: [EventDraft] = []
  public private(set) var refusals: [BatchRefusal] = []
  /// For each command, the range of `drafts` it produced (empty when refused).
  public private(set) var draftRanges: [Range<Int>] = []
  public let context: Context

  public init(book: Book, context: Context) {
    self.book = book
    self.context = context
  }

  public init(_ commands: [Command], in book: Book, context: Context) {
    self.init(book: book, context: context)
    for command in commands { add(command) }
  }

  public var isAccepted: Bool { refusals.isEmpty }

  /// Validates `command` against the book so far; folds its drafts in when accepted.
  public mutating func add(_ command: Command) {
    let index = draftRanges.count
    let made: [EventDraft]
    do throws(DomainError) {
      made = try command.drafts(in: book, context: context)
    } catch {
      refusals.append(BatchRefusal(index: index, error: error))
      draftRanges.append(drafts.count..<drafts.count)
      return
    }
    let start = drafts.count
    for draft in made {
      let record = Record(
        schema: Record.currentSchema, seq: book.lastSeq + 1, id: draft.id, recordedAt: context.now,
        recordedBy: context.user,
        type: draft.type, account: draft.account, data: draft.data, batch: nil, hash: "", offset: 0)
      book.apply(record)
      drafts.append(draft)
    }
    draftRanges.append(start..<drafts.count)
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
