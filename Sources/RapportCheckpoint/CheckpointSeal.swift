import Glibc
import RapportJournal

/// A note beside a checkpoint that its checksum was read and found right: the file as the system
/// knows it (device, inode, size, modification and change times to the nanosecond) and the checksum.
/// The next open of that very file skips reading all of it to check the sum: 83 MB on the benchmark's
/// book, a quarter of a dashboard's start (issue 18).
///
/// Any write to the checkpoint, or its replacement, gives it a new change time, which no process can
/// set: the note no longer matches and the sum is read again. A note is only written for a file left
/// unchanged for `settled` seconds, so that a change within the same tick of a coarse file-system
/// clock cannot keep the time the note names. A missing, foreign or unreadable note costs only the
/// read of the sum; a note that cannot be written is not an error.
struct CheckpointSeal: Equatable {
  /// How long a checkpoint must have been left unchanged before a note vouches for it.
  static let settled = 2

  var device: UInt64
  var inode: UInt64
  var size: Int64
  var modified: timespec
  var changed: timespec
  var checksum: UInt64

  init(of info: stat, checksum: UInt64) {
    self.init(
      device: UInt64(info.st_dev), inode: UInt64(info.st_ino), size: Int64(info.st_size), modified: info.st_mtim,
      changed: info.st_ctim, checksum: checksum)
  }

  private init(device: UInt64, inode: UInt64, size: Int64, modified: timespec, changed: timespec, checksum: UInt64) {
    self.device = device
    self.inode = inode
    self.size = size
    self.modified = modified
    self.changed = changed
    self.checksum = checksum
  }

  static func == (left: CheckpointSeal, right: CheckpointSeal) -> Bool { left.line == right.line }

  /// Whether this note names the file `info` describes, as it is now.
  func vouches(for info: stat) -> Bool { self == CheckpointSeal(of: info, checksum: checksum) }

  /// Beside the checkpoint, hidden: ".NAME.intact".
  static func path(of checkpoint: String) -> String {
    guard let slash = checkpoint.lastIndex(of: "/") else { return "." + checkpoint + ".intact" }
    return checkpoint[...slash] + "." + checkpoint[checkpoint.index(after: slash)...] + ".intact"
  }

  private static let tag = "rapport checkpoint intact 1"

  var line: String {
    [
      Self.tag, "\(device)", "\(inode)", "\(size)", "\(modified.tv_sec).\(modified.tv_nsec)",
      "\(changed.tv_sec).\(changed.tv_nsec)", Checksum.hex(checksum),
    ].joined(separator: " ") + "\n"
  }

  /// The note beside `checkpoint`, if there is one this user wrote and it reads.
  static func read(for checkpoint: String) -> CheckpointSeal? {
    guard let file = try? SafeFile.openExisting(path(of: checkpoint), O_RDONLY, ownership: .thisUser) else {
      return nil
    }
    defer { file.close() }
    var bytes = [UInt8](repeating: 0, count: 256)
    let count = bytes.withUnsafeMutableBytes { Glibc.read(file.raw, $0.baseAddress, $0.count) }
    guard count > 0, count < bytes.count else { return nil }
    return parse(String(decoding: bytes[0..<count], as: UTF8.self))
  }

  static func parse(_ text: String) -> CheckpointSeal? {
    guard text.hasPrefix(tag + " "), text.hasSuffix("\n") else { return nil }
    let fields = text.dropFirst(tag.count + 1).dropLast().split(separator: " ", omittingEmptySubsequences: false)
    guard fields.count == 6, let device = UInt64(fields[0]), let inode = UInt64(fields[1]),
      let size = Int64(fields[2]), let modified = time(fields[3]), let changed = time(fields[4]),
      fields[5].count == 16, let checksum = UInt64(fields[5], radix: 16)
    else { return nil }
    return CheckpointSeal(
      device: device, inode: inode, size: size, modified: modified, changed: changed, checksum: checksum)
  }

  private static func time(_ field: Substring) -> timespec? {
    let parts = field.split(separator: ".", omittingEmptySubsequences: false)
    guard parts.count == 2, let seconds = Int(parts[0]), let nanoseconds = Int(parts[1]),
      (0..<1_000_000_000).contains(nanoseconds)
    else { return nil }
    return timespec(tv_sec: seconds, tv_nsec: nanoseconds)
  }

  /// Writes this note beside `checkpoint` when the file it names has been left unchanged for
  /// `settled` seconds (else the next open reads the sum, and notes it then); any failure is ignored.
  func write(for checkpoint: String) {
    var now = timespec()
    clock_gettime(CLOCK_REALTIME, &now)
    guard now.tv_sec - changed.tv_sec > Self.settled else { return }
    try? SafeFile.replace(Self.path(of: checkpoint), with: [Array(line.utf8)])
  }
}
