import Glibc
import RapportJournal

extension CheckpointError {
  /// Runs `body`, which reads the journal, turning its failure into why no checkpoint serves (the full
  /// replay that follows then reports the failure itself, as a command's error).
  static func reading<Result>(_ body: () throws -> Result) throws(CheckpointError) -> Result {
    do {
      return try body()
    } catch let error as JournalError {
      switch error {
      case .system(let path, let operation, let code): throw .system(path: path, operation: operation, code: code)
      case .notFound(let path): throw .system(path: path, operation: "opening", code: ENOENT)
      default: throw .unreadable(error.description)
      }
    } catch {
      throw .unreadable("\(error)")
    }
  }
}
