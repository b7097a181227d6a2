/// Why a checkpoint was not used (the book is then folded from the whole journal, which is always
/// right), or why one could not be written. Never fatal to a command.
public enum CheckpointError: Error, Sendable, Equatable, CustomStringConvertible {
  /// No checkpoint for this journal yet (or it was deleted).
  case missing
  /// The file at the checkpoint's name is not this user's regular file: someone else may have put it.
  case untrusted(String)
  /// A file the checkpoint is written through is not safe to use (a planted link, say).
  case refused(String)
  /// The file is not a Rapport checkpoint.
  case notACheckpoint
  /// Written by another version of Rapport (its version text).
  case otherVersion(String)
  /// Built in another time zone: local days would differ.
  case otherTimeZone
  /// Built from another journal (a different journal id).
  case otherJournal
  /// Truncated or damaged: what was wrong.
  case corrupt(String)
  /// The journal is shorter than the checkpoint: records were removed.
  case journalShorter(journal: UInt64, checkpoint: UInt64)
  /// The record at the checkpoint's sequence number is no longer the one it was built from.
  case anchorChanged(seq: Int)
  /// The records after the checkpoint do not chain onto it, or are damaged: the full replay names them.
  case tailRejected(seq: Int)
  /// The book is cut at a day or has no journal id: only whole books are saved.
  case notSavable
  /// A file operation failed (writing or reading), with errno.
  case system(path: String, operation: String, code: Int32)
  /// The journal could not be read to check the checkpoint (a store's server failing, say): why.
  case unreadable(String)

  public var description: String {
    switch self {
    case .missing: return "no checkpoint"
    case .untrusted(let what): return "not trusted (\(what))"
    case .refused(let message): return message
    case .notACheckpoint: return "not a checkpoint file"
    case .otherVersion(let version): return "written by another version (\(version))"
    case .otherTimeZone: return "built in another time zone"
    case .otherJournal: return "built from another journal"
    case .corrupt(let detail): return "damaged or truncated (\(detail))"
    case .journalShorter(let journal, let checkpoint):
      return "the journal (\(journal) bytes) is shorter than the checkpoint's position (\(checkpoint))"
    case .anchorChanged(let seq): return "record \(seq) changed since the checkpoint was built"
    case .tailRejected(let seq): return "the records after the checkpoint do not chain onto it (record \(seq))"
    case .notSavable: return "only a whole book with a journal id is saved"
    case .system(let path, let operation, let code): return "\(operation) \(path) failed (errno \(code))"
    case .unreadable(let message): return "the journal could not be read (\(message))"
    }
  }
}
