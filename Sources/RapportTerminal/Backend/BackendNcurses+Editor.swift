import CNcursesw
import Glibc

extension NcursesBackend {
  /// Writes `text` to a private temporary file, leaves curses mode, runs `$VISUAL`, else `$EDITOR`, else
  /// `vi` on it with the terminal as its input and output, and reads the file back. nil when the file
  /// cannot be made, the editor cannot start or exits with a failure.
  public func editText(_ text: String) -> String? {
    let directory = getenv("TMPDIR").map { String(cString: $0) } ?? "/tmp"
    var template = Array((directory + "/rapport-edit-XXXXXX.txt").utf8CString)
    let descriptor = template.withUnsafeMutableBufferPointer { $0.baseAddress.map { mkstemps($0, 4) } ?? -1 }
    guard descriptor >= 0 else { return nil }
    let path = String(decoding: template.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    defer { unlink(path) }
    let bytes = Array(text.utf8)
    let written = bytes.withUnsafeBytes { write(descriptor, $0.baseAddress, $0.count) }
    close(descriptor)
    guard written == bytes.count else { return nil }

    def_prog_mode()
    endwin()
    let succeeded = Self.runEditor(on: path)
    reset_prog_mode()
    guard succeeded else { return nil }
    return Self.readFile(path)
  }

  private static func runEditor(on path: String) -> Bool {
    var actions = posix_spawn_file_actions_t()
    posix_spawn_file_actions_init(&actions)
    defer { posix_spawn_file_actions_destroy(&actions) }
    // The terminal, even when the dashboard's own stdin or stdout is redirected.
    posix_spawn_file_actions_addopen(&actions, 0, "/dev/tty", O_RDWR, 0)
    posix_spawn_file_actions_adddup2(&actions, 0, 1)
    let script = "exec ${VISUAL:-${EDITOR:-vi}} \"$1\""
    let arguments = ["sh", "-c", script, "sh", path]
    var argv: [UnsafeMutablePointer<CChar>?] = arguments.map { strdup($0) } + [nil]
    defer { for pointer in argv { free(pointer) } }
    // The editor gets the default SIGPIPE and SIGXFSZ back: Rapport ignores them (to see a closed pipe
    // as EPIPE, a file size limit as EFBIG), and an ignored signal would be inherited through exec.
    var attributes = posix_spawnattr_t()
    posix_spawnattr_init(&attributes)
    defer { posix_spawnattr_destroy(&attributes) }
    var defaults = sigset_t()
    sigemptyset(&defaults)
    sigaddset(&defaults, SIGPIPE)
    sigaddset(&defaults, SIGXFSZ)
    posix_spawnattr_setsigdefault(&attributes, &defaults)
    posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGDEF))
    var child: pid_t = 0
    guard posix_spawnp(&child, "sh", &actions, &attributes, &argv, environ) == 0 else { return false }
    var status: Int32 = 0
    while waitpid(child, &status, 0) < 0 {
      guard errno == EINTR else { return false }
    }
    // Exited normally with status 0 (WIFEXITED and WEXITSTATUS, which Swift does not import).
    return status & 0x7f == 0 && (status >> 8) & 0xff == 0
  }

  private static func readFile(_ path: String) -> String? {
    guard let file = fopen(path, "r") else { return nil }
    defer { fclose(file) }
    var bytes: [UInt8] = []
    var buffer = [UInt8](repeating: 0, count: 4096)
    while true {
      let count = fread(&buffer, 1, buffer.count, file)
      if count <= 0 { break }
      bytes += buffer[0..<count]
      if bytes.count > 1 << 20 { return nil }
    }
    return String(decoding: bytes, as: UTF8.self)
  }
}
