import Glibc
import RapportDomain
import RapportExchange
import RapportJournal
import RapportText

/// Reads a whole input file (or standard input for `-`) without Foundation.
enum InputFile {
  struct Failure: Error {
    var reason: String
  }

  static func read(_ path: String) throws(Failure) -> [UInt8] {
    let descriptor = path == "-" ? STDIN_FILENO : open(path, O_RDONLY | O_CLOEXEC)
    guard descriptor >= 0 else { throw Failure(reason: String(cString: strerror(errno))) }
    defer { if descriptor != STDIN_FILENO { close(descriptor) } }
    var info = stat()
    if fstat(descriptor, &info) == 0, (info.st_mode & S_IFMT) == S_IFDIR { throw Failure(reason: "it is a directory") }
    var bytes: [UInt8] = []
    // A regular file's size is known: read it into one buffer of that size, not one grown by doubling.
    if (info.st_mode & S_IFMT) == S_IFREG, info.st_size > 0 { bytes.reserveCapacity(Int(info.st_size) + 1) }
    var chunk = [UInt8](repeating: 0, count: 1 << 20)
    while true {
      let count = chunk.withUnsafeMutableBytes { Glibc.read(descriptor, $0.baseAddress, $0.count) }
      if count < 0 {
        if errno == EINTR { continue }
        throw Failure(reason: String(cString: strerror(errno)))
      }
      if count == 0 { break }
      bytes += chunk[0..<count]
    }
    return bytes
  }
}
