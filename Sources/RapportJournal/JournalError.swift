import Glibc

/// Everything that can go wrong with the journal, as values; front ends turn them into messages.
public enum JournalError: Error, Sendable, Equatable, CustomStringConvertible {
  case notFound(path: String)
  case alreadyExists(path: String)
  case notAJournal(path: String, detail: String)
  case newerSchema(path: String, found: Int, supported: Int, offset: UInt64)
  /// The last record is invalid, so nothing can be chained onto it safely.
  case damagedTail(path: String, problem: LineProblem)
  case unknownGroup(name: String)
  /// `rapport repair` was asked to move damage that sound records follow: history, never rewritten.
  case damageNotAtTail(path: String, problem: LineProblem, soundAfter: Int)
  /// The journal changed between `rapport repair`'s question and the answer.
  case repairChanged(path: String)
  /// This user noticed a removal or rewrite of the journal's history (described) and has not accepted it.
  case changeNotAccepted(path: String, noticed: String)
  /// A file Rapport writes is something else (a planted link, say): refused, never written through.
  case notARegularFile(path: String, what: String)
  case recordTooLarge(bytes: Int)
  /// A system call failed; `code` is the errno.
  case system(path: String, operation: String, code: Int32)
  /// The kernel reported a failed flush: the data may not be on disk.
  case syncFailed(path: String, code: Int32)
  /// An operation only a file journal has (repair, quarantine, `stat`) asked of a journal in a store.
  case notAFile(path: String, operation: String)
  /// A journal store (a database) failed or could not be reached; nothing of the append was kept.
  case storeFailed(path: String, message: String)
  /// A journal store (a database) refused the write itself (a record it will not take, a missing
  /// privilege): retrying will not help; nothing of the append was kept.
  case storeRefused(path: String, message: String)

  public var description: String {
    switch self {
    case .notFound(let path):
      return "no journal at \(path) (create one with `rapport init`, or point --log or RAPPORT_LOG at it)"
    case .alreadyExists(let path): return "a file already exists at \(path); not overwriting it"
    case .notAJournal(let path, let detail): return "\(path) is not a Rapport journal: \(detail)"
    case .newerSchema(let path, let found, let supported, let offset):
      return "\(path) was written by a newer Rapport (schema \(found) at byte \(offset); this version reads up to"
        + " \(supported)); upgrade Rapport. The journal was not touched"
    case .damagedTail(let path, let problem):
      return "\(path): refusing to append after a damaged record (\(problem)); run `rapport repair` to move the"
        + " damaged end to the quarantine file"
    case .unknownGroup(let name): return "no such group: \(name)"
    case .damageNotAtTail(let path, let problem, let soundAfter):
      return "\(path): the first damaged record (\(problem)) is followed by \(soundAfter) sound record(s):"
        + " Rapport never rewrites history, so `rapport repair` only moves a damaged end; restore the file from a"
        + " backup, or read `rapport verify` and ask whoever wrote it"
    case .repairChanged(let path):
      return "\(path) changed while you were deciding; nothing was moved: run `rapport repair` again"
    case .changeNotAccepted(let path, let noticed):
      return "refusing to write to \(path): its history changed since you last saw it (\(noticed)); read what"
        + " changed (`rapport verify`, `rapport timeline`), then run `rapport verify --accept-rewrite`"
    case .notARegularFile(let path, let what):
      return
        "refusing to write \(path): it is \(what), not a file Rapport made (someone may have planted it; remove it)"
    case .recordTooLarge(let bytes):
      return "record too large (\(bytes) bytes; the limit is \(Journal.maximumRecordBytes))"
    case .system(let path, let operation, let code):
      return "\(operation) \(path) failed: \(Self.explain(code))"
    case .syncFailed(let path, let code):
      return "could not flush \(path) to disk (\(Self.explain(code))); the entry was not saved"
    case .notAFile(let path, let operation):
      return "\(operation) applies only to a journal file; \(path) is a journal in a database"
    case .storeFailed(let path, let message):
      return "\(path): \(message)"
    case .storeRefused(let path, let message):
      return "\(path): \(message)"
    }
  }

  static func explain(_ code: Int32) -> String {
    switch code {
    case ENOSPC: return "the disk is full (ENOSPC)"
    case EFBIG: return "the file size limit was reached (EFBIG)"
    case EDQUOT: return "the disk quota is exhausted (EDQUOT)"
    case EACCES, EPERM: return "permission denied"
    case EROFS: return "the file system is read-only"
    default: return String(cString: strerror(code))
    }
  }
}
