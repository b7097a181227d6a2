import RapportDomain
import RapportJournal

extension Desk {
  /// Records between two progress reports.
  static let progressInterval = 16_384

  /// Opens `journal` from its checkpoint in `store` when one is valid, reading only the records after
  /// it; otherwise folds the whole journal. The result's `opening` says which happened and why. `progress` hears of a
  /// long read every few thousand records (the caller decides whether and when to show it).
  ///
  /// Nothing here writes: call `saveCheckpoint(to:)` afterwards when `OpenedDesk.checkpointIsDue` says so.
  public static func open(
    _ journal: Journal, user: String, checkpoints store: CheckpointStore?,
    progress: ((ReadProgress) -> Void)? = nil
  ) throws -> OpenedDesk {
    var reason: CheckpointError?
    if let store {
      var loaded: CheckpointFile.Contents?
      do throws(CheckpointError) {
        loaded = try CheckpointFile.load(journal, from: store)
      } catch {
        reason = error
      }
      if let contents = loaded {
        var desk = Desk(journal: journal, user: user, book: contents.book, position: contents.position)
        desk.problems = contents.problems
        let known = desk.problems.count
        let tail = try desk.readOn(progress: progress, fullReplay: false)
        if desk.problems.count == known {
          let opening = DeskOpening.checkpoint(
            seq: contents.position.lastSeq, tailRecords: tail,
            tailBytes: desk.position.offset - contents.position.offset)
          return OpenedDesk(desk: desk, opening: opening)
        }
        // A tail that does not chain onto the checkpoint (or is damaged): the full replay below reads
        // and reports everything from the start.
        reason = .tailRejected(seq: desk.problems[known].seq)
      }
    }
    var desk = Desk(journal: journal, user: user, book: Book(), position: .start)
    let records = try desk.readOn(progress: progress, fullReplay: true)
    return OpenedDesk(desk: desk, opening: .replay(reason: reason, records: records))
  }

  /// Folds what follows `position`, reporting progress; returns the records folded.
  private mutating func readOn(progress: ((ReadProgress) -> Void)?, fullReplay: Bool) throws -> Int {
    var total: UInt64 = 0
    if progress != nil { total = (try? journal.length) ?? 0 }
    var count = 0
    return try refresh { record in
      count += 1
      if let progress, count % Self.progressInterval == 0 {
        progress(ReadProgress(bytesRead: record.offset, totalBytes: total, records: count, isFullReplay: fullReplay))
      }
    }
  }

  /// The journal's line this desk's book is folded to, read now: for `saveCheckpoint(to:anchor:)` on
  /// another thread, which then does not read the journal (a store serves one thread at a time).
  public func checkpointAnchor() throws(CheckpointError) -> CheckpointAnchor {
    try CheckpointAnchor(reading: journal, at: position)
  }

  /// Saves the book as it stands as this journal's checkpoint in `store`, atomically, anchored to
  /// `anchor` (read from the journal now when nil). Returns nil when another process was writing one
  /// at that moment (so this one was not needed).
  ///
  /// Reads the book only (and the journal when no anchor is given), so it may run on another thread
  /// while this desk's owner goes on (the book is a value: a later change on the owner's side copies
  /// what it changes).
  @discardableResult
  public func saveCheckpoint(to store: CheckpointStore, anchor: CheckpointAnchor? = nil) throws(CheckpointError)
    -> SavedCheckpoint?
  {
    guard book.cutoff == nil, let id = book.journalID else { throw .notSavable }
    let contents = CheckpointFile.Contents(book: book, position: position, problems: problems)
    let read: CheckpointAnchor
    if let anchor { read = anchor } else { read = try checkpointAnchor() }
    let encoded = try CheckpointFile.encode(contents, anchor: read, programVersion: store.programVersion)
    let path = store.path(for: journal, journalID: id)
    guard try CheckpointFile.write(encoded, to: path) else { return nil }
    return SavedCheckpoint(path: path, bytes: encoded.length, seq: position.lastSeq)
  }
}
