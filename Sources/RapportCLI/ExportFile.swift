import ArgumentParser
import Glibc
import RapportJournal

/// `export -o PATH`: a client list on disk, written so that
///
/// - only its owner can read it: created mode 0600 (whatever the umask allows of that; never chmod-ed);
/// - nothing is opened through a link someone planted: an existing PATH that is not a regular file (a
///   symbolic link, a named pipe, a directory) is refused, naming it, and the bytes go to a new file
///   beside PATH renamed over it (see `SafeFile.replace`: a link planted since is replaced, never
///   written through);
/// - nothing half-written is ever at PATH: on any failure the new file is removed (said in one line on
///   stderr; exit 74).
enum ExportFile {
  static func write(_ bytes: [UInt8], to path: String) throws {
    do {
      try SafeFile.checkReplaceable(path)
      try SafeFile.replace(path, with: [bytes])
    } catch .system(let path, let operation, let code) {
      let cause = JournalError.system(path: path, operation: operation, code: code)
      throw failure(cause.description + "; \(path) was left as it was")
    } catch {
      throw failure(error.description)
    }
  }

  private static func failure(_ message: String) -> ExitCode {
    Output.error(message)
    return ExitCode(74)
  }
}
