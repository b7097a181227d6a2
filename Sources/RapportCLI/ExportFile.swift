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
    try write(to: path) { emit in try emit(bytes) }
  }

  /// The file made of what `produce` emits, written as it comes (in chunks of about a megabyte).
  static func write(to path: String, producing produce: ((String) throws -> Void) throws -> Void) throws {
    try write(to: path) { emit in
      try withoutActuallyEscaping(emit) { emit in
        var chunk = ""
        try produce { piece in
          chunk += piece
          if chunk.utf8.count >= 1 << 20 {
            try emit(Array(chunk.utf8))
            chunk = ""
          }
        }
        try emit(Array(chunk.utf8))
      }
    }
  }

  private static func write(to path: String, emitting: ((([UInt8]) throws -> Void)) throws -> Void) throws {
    // What `emitting` throws other than a failed write (none of the exports' rows do today).
    var produceError: (any Error)?
    do {
      try SafeFile.checkReplaceable(path)
      try SafeFile.replace(path) { file throws(JournalError) in
        do {
          try emitting { bytes in
            if let code = file.writeAll(bytes).error {
              throw JournalError.system(path: path, operation: "writing", code: code)
            }
          }
        } catch let error as JournalError {
          throw error
        } catch {
          produceError = error
          throw JournalError.system(path: path, operation: "writing", code: EIO)
        }
      }
    } catch .system(let path, let operation, let code) {
      if let produceError { throw produceError }
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
