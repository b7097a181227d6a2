import Glibc
import RapportJournal

/// How a desk was opened.
public enum DeskOpening: Sendable, Equatable {
  /// From the checkpoint at `seq`, then `tailRecords` records (`tailBytes` bytes) read after it.
  case checkpoint(seq: Int, tailRecords: Int, tailBytes: UInt64)
  /// By folding the whole journal; `reason` says why no checkpoint served (nil: none was asked for).
  case replay(reason: CheckpointError?, records: Int)

  public var usedCheckpoint: Bool {
    if case .checkpoint = self { return true }
    return false
  }
}

/// How far a long read has got, for a progress indicator.
public struct ReadProgress: Sendable, Equatable {
  public var bytesRead: UInt64
  public var totalBytes: UInt64
  public var records: Int
  /// Whether the whole journal is being read (no checkpoint served).
  public var isFullReplay: Bool

  public var fraction: Double { totalBytes == 0 ? 1 : min(1, Double(bytesRead) / Double(totalBytes)) }
}

/// A checkpoint that was written.
public struct SavedCheckpoint: Sendable, Equatable {
  public var path: String
  public var bytes: Int
  public var seq: Int
}

extension Desk {
  /// Records between two progress reports.
  static let progressInterval = 16_384

  /// Opens `journal` from its checkpoint in `store` when one is valid, reading only the records after
  /// it; otherwise folds the whole journal. `opening` says which happened and why. `progress` hears of a
  /// long read every few thousand records (the caller decides whether and when to show it).
  ///
  /// Nothing here writes: call `saveCheckpoint(to:)` afterwards when `checkpointIsDue` says so.
  public static func open(
    _ journal: Journal, user: String, checkpoints store: CheckpointStore?,
    progress: ((ReadProgress) -> Void)? = nil
  ) throws -> Desk {
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
          desk.opening = .checkpoint(
            seq: contents.position.lastSeq, tailRecords: tail,
            tailBytes: desk.position.offset - contents.position.offset)
          return desk
        }
        // A tail that does not chain onto the checkpoint (or is damaged): the full replay below reads
        // and reports everything from the start.
        reason = .tailRejected(seq: desk.problems[known].seq)
      }
    }
    var desk = Desk(journal: journal, user: user, book: Book(), position: .start)
    let records = try desk.readOn(progress: progress, fullReplay: true)
    desk.opening = .replay(reason: reason, records: records)
    return desk
  }

  /// Folds what follows `position`, reporting progress; returns the records folded.
  private mutating func readOn(progress: ((ReadProgress) -> Void)?, fullReplay: Bool) throws -> Int {
    var total: UInt64 = 0
    if progress != nil {
      var info = stat()
      if stat(journal.path, &info) == 0 { total = UInt64(info.st_size) }
    }
    var count = 0
    let outcome = try journal.scan(from: position) { record in
      self.book.apply(record)
      count += 1
      if let progress, count % Self.progressInterval == 0 {
        progress(ReadProgress(bytesRead: record.offset, totalBytes: total, records: count, isFullReplay: fullReplay))
      }
    }
    position = outcome.position
    problems.append(contentsOf: outcome.problems)
    book.reserveAccounts(namedIn: outcome.problems, of: journal)
    pendingTail = outcome.pendingTail
    return outcome.accepted
  }

  /// Whether this open paid enough to be worth a fresh checkpoint: a full replay of at least
  /// `minimumRecords` records, or a tail of more than 50,000 records, or one over a fifth of the file
  /// (and at least `minimumRecords`).
  public func checkpointIsDue(minimumRecords: Int = 10_000) -> Bool {
    switch opening {
    case .replay(_, let records): return records >= max(1, minimumRecords)
    case .checkpoint(_, let tailRecords, let tailBytes):
      return tailRecords > 50_000 || (tailRecords >= max(1, minimumRecords) && tailBytes * 5 > position.offset)
    }
  }

  /// Saves the book as it stands as this journal's checkpoint in `store`, atomically. Returns nil when
  /// another process was writing one at that moment (so this one was not needed).
  ///
  /// Reads the book only, so it may run on another thread while this desk's owner goes on (the book is
  /// a value: a later change on the owner's side copies what it changes).
  @discardableResult
  public func saveCheckpoint(to store: CheckpointStore) throws(CheckpointError) -> SavedCheckpoint? {
    let contents = CheckpointFile.Contents(book: book, position: position, problems: problems)
    let parts = try CheckpointFile.encode(contents, journal: journal, programVersion: store.programVersion)
    guard let id = book.journalID else { throw .notSavable }
    let path = store.path(for: journal, journalID: id)
    guard try CheckpointFile.write(parts, to: path) else { return nil }
    return SavedCheckpoint(path: path, bytes: parts.reduce(0) { $0 + $1.count }, seq: position.lastSeq)
  }
}
