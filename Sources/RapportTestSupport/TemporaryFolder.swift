import Foundation

/// Private folders for a test or a benchmark run: made by `mkdtemp` under the system's temporary folder
/// (mode 0700, under a name nobody could have planted beforehand), removed with all they hold.
public enum TemporaryFolder {
  /// Makes `TMPDIR/<prefix>-XXXXXX` and returns its path.
  public static func make(_ prefix: String) throws -> String {
    var template = Array((NSTemporaryDirectory() + "/\(prefix)-XXXXXX").utf8CString)
    let made = template.withUnsafeMutableBufferPointer { buffer in buffer.baseAddress.flatMap { mkdtemp($0) } }
    guard let made else { throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO) }
    return String(cString: made)
  }

  /// Removes the folder at `path` and everything in it; nothing for an empty path (a test whose set-up
  /// failed before making it).
  public static func remove(_ path: String) {
    if !path.isEmpty { try? FileManager.default.removeItem(atPath: path) }
  }
}
