import Foundation
import Glibc
import RapportTestSupport
import XCTest

// End-to-end helpers: these tests drive the real `rapport` executable as a subprocess, never the
// library, so they exercise argument parsing, messages, exit codes, locking and fsync as a user would.

/// What one run of the binary produced.
struct RapportResult: Sendable {
  /// The exit status, or the signal number when `signalled`.
  var status: Int32
  var signalled: Bool
  var stdoutBytes: [UInt8]
  var stderrBytes: [UInt8]

  var stdout: String { String(decoding: stdoutBytes, as: UTF8.self) }
  var stderr: String { String(decoding: stderrBytes, as: UTF8.self) }
  var stdoutLines: [String] { stdout.split(separator: "\n", omittingEmptySubsequences: true).map(String.init) }
  var stderrLines: [String] { stderr.split(separator: "\n", omittingEmptySubsequences: true).map(String.init) }

  /// Every `saved #SEQ TYPE [ACCOUNT] id=UUID` line on stdout.
  var saved: [SavedLine] { SavedLine.parse(stdout) }

  /// A short description for assertion messages (long outputs cut).
  var summary: String {
    "exit \(signalled ? "signal " : "")\(status)\nstdout: \(Self.cut(stdout))\nstderr: \(Self.cut(stderr))"
  }

  static func cut(_ text: String, to limit: Int = 1500) -> String {
    text.count <= limit ? text : String(text.prefix(limit)) + "… (\(text.count - limit) more characters)"
  }
}

/// One `saved #SEQ TYPE [ACCOUNT] id=UUID` line.
struct SavedLine: Hashable, Sendable {
  var seq: Int
  var type: String
  var id: String

  static func parse(_ text: String) -> [SavedLine] {
    text.split(separator: "\n").compactMap { line -> SavedLine? in
      let words = line.split(separator: " ")
      guard words.count >= 4, words[0] == "saved", words[1].hasPrefix("#"), let seq = Int(words[1].dropFirst()),
        let last = words.last, last.hasPrefix("id=")
      else { return nil }
      return SavedLine(seq: seq, type: String(words[2]), id: String(last.dropFirst(3)))
    }
  }
}

/// The executable under test: `<package>/.build/debug/rapport`, found from this file's path.
///
/// The tests run a private copy of it, taken once per test run, so that a concurrent `swift build`
/// relinking the binary cannot swap it (or leave it half-written) under a test that spawns thousands
/// of processes.
enum RapportBinary {
  static let packageRoot: URL = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent()  // RapportCLITests
    .deletingLastPathComponent()  // Tests
    .deletingLastPathComponent()  // the package

  static let builtPath: String = packageRoot.appendingPathComponent(".build/debug/rapport").path

  /// The path to run, or why there is none.
  static let path: Result<String, RapportBinaryMissing> = {
    guard access(builtPath, X_OK) == 0 else {
      return .failure(
        RapportBinaryMissing(
          message:
            "the rapport executable is missing at \(builtPath): run `swift build --product rapport` (or `swift build --build-tests`) in \(packageRoot.path) first"
        ))
    }
    guard let directory = try? TemporaryFolder.make("rapport-cli-bin") else { return .success(builtPath) }
    let copy = directory + "/rapport"
    do {
      try FileManager.default.copyItem(atPath: builtPath, toPath: copy)
      chmod(copy, 0o755)
      // Installed as it ships: the themes beside the executable.
      try FileManager.default.copyItem(
        atPath: packageRoot.appendingPathComponent("Themes").path, toPath: directory + "/Themes")
    } catch {
      rmdir(directory)
      return .success(builtPath)
    }
    snapshotDirectory = strdup(directory)
    atexit {
      if let directory = snapshotDirectory {
        let path = String(cString: directory)
        try? FileManager.default.removeItem(atPath: path)
      }
    }
    return .success(copy)
  }()

  nonisolated(unsafe) private static var snapshotDirectory: UnsafeMutablePointer<CChar>?

  static func require() throws -> String {
    switch path {
    case .success(let path): return path
    case .failure(let missing):
      XCTFail(missing.message)
      throw missing
    }
  }
}

struct RapportBinaryMissing: Error, CustomStringConvertible {
  var message: String
  var description: String { message }
}

/// A temporary directory holding one test's journal, state and data, and the environment that points
/// the binary at them (set explicitly; nothing is inherited from the test runner).
final class RapportSandbox: @unchecked Sendable {
  let directory: String
  /// The binary, or under `make test-clock` a wrapper that runs it at the test clock.
  let binary: String
  /// The binary itself, for tests that signal the very process they start (the wrapper forks).
  let realBinary: String
  let user: String
  private let counterLock = NSLock()
  private var counter = 0

  static let today = "2026-11-23"

  init(user: String = "alice") throws {
    let real = try RapportBinary.require()
    self.user = user
    directory = try TemporaryFolder.make("rapport-cli-tests")
    try FileManager.default.createDirectory(atPath: directory + "/io", withIntermediateDirectories: true)
    realBinary = real
    binary = try Self.atTestClock(real, in: directory)
  }

  /// `make test-clock` (docs/development.md): with RAPPORT_TEST_CLOCK set (a faketime value such as
  /// "@2031-07-01 12:00:00"), every run of the binary goes through libfaketime's `faketime` at that
  /// clock; otherwise the binary itself.
  private static func atTestClock(_ binary: String, in directory: String) throws -> String {
    guard let clock = ProcessInfo.processInfo.environment["RAPPORT_TEST_CLOCK"], !clock.isEmpty else { return binary }
    let wrapper = directory + "/rapport-at-test-clock"
    let quoted = { (text: String) in "'" + text.replacingOccurrences(of: "'", with: "'\\''") + "'" }
    let script = "#!/bin/sh\nexec /usr/bin/faketime -f \(quoted(clock)) \(quoted(binary)) \"$@\"\n"
    try script.write(toFile: wrapper, atomically: true, encoding: .utf8)
    chmod(wrapper, 0o755)
    return wrapper
  }

  func remove() {
    // An immutable flag set by a test would make the removal fail; clear it first (root only).
    if getuid() == 0, FileManager.default.isExecutableFile(atPath: "/usr/bin/chattr") {
      _ = try? runTool("/usr/bin/chattr", ["-R", "-i", directory])
    }
    chmod(journalPath, 0o600)
    try? FileManager.default.removeItem(atPath: directory)
  }

  var journalPath: String { directory + "/journal.jsonl" }
  var quarantinePath: String { journalPath + ".quarantine" }
  var stateHome: String { directory + "/state" }
  var dataHome: String { directory + "/data" }

  func path(_ name: String) -> String { directory + "/" + name }

  /// The environment every run gets, plus `extra`.
  func environment(user: String? = nil, _ extra: [String: String] = [:]) -> [String: String] {
    var environment = [
      "RAPPORT_LOG": journalPath,
      "RAPPORT_USER": user ?? self.user,
      "RAPPORT_TODAY": Self.today,
      "XDG_STATE_HOME": stateHome,
      "XDG_DATA_HOME": dataHome,
      "XDG_CACHE_HOME": directory + "/cache",
      "HOME": directory,
      "TZ": "UTC",
      "LANG": "C.UTF-8",
      "PATH": "/usr/bin:/bin",
      "RAPPORT": binary,
    ]
    environment.merge(extra) { _, new in new }
    return environment
  }

  private func nextOutputFiles() -> (String, String) {
    counterLock.lock()
    counter += 1
    let number = counter
    counterLock.unlock()
    return (directory + "/io/\(number).out", directory + "/io/\(number).err")
  }

  /// Starts `executable` with its output going to files; `finish` waits and collects it.
  func start(
    executable: String, _ arguments: [String], user: String? = nil, environment extra: [String: String] = [:]
  ) throws -> RunningProcess {
    let (out, err) = nextOutputFiles()
    FileManager.default.createFile(atPath: out, contents: nil)
    FileManager.default.createFile(atPath: err, contents: nil)
    let process = Process()
    process.executableURL = URL(fileURLWithPath: executable)
    process.arguments = arguments
    process.environment = environment(user: user, extra)
    process.currentDirectoryURL = URL(fileURLWithPath: directory)
    process.standardInput = FileHandle.nullDevice
    let outHandle = try XCTUnwrap(FileHandle(forWritingAtPath: out))
    let errHandle = try XCTUnwrap(FileHandle(forWritingAtPath: err))
    process.standardOutput = outHandle
    process.standardError = errHandle
    do {
      try process.run()
    } catch {
      try? outHandle.close()
      try? errHandle.close()
      throw error
    }
    try? outHandle.close()
    try? errHandle.close()
    return RunningProcess(process: process, stdoutPath: out, stderrPath: err)
  }

  /// Runs `rapport ARGUMENTS` to completion.
  @discardableResult
  func run(_ arguments: [String], user: String? = nil, environment extra: [String: String] = [:]) throws
    -> RapportResult
  {
    try start(executable: binary, arguments, user: user, environment: extra).finish()
  }

  /// Runs `/bin/sh -c SCRIPT`, with `$RAPPORT` naming the binary, to completion.
  @discardableResult
  func shell(_ script: String, user: String? = nil, environment extra: [String: String] = [:]) throws -> RapportResult {
    try start(executable: "/bin/sh", ["-c", script], user: user, environment: extra).finish()
  }

  /// Runs another tool (chattr, ...) with the sandbox environment.
  @discardableResult
  func runTool(_ executable: String, _ arguments: [String]) throws -> RapportResult {
    try start(executable: executable, arguments).finish()
  }

  /// Runs `rapport ARGUMENTS` and fails the test unless it exits 0.
  @discardableResult
  func succeed(
    _ arguments: [String], user: String? = nil, file: StaticString = #filePath, line: UInt = #line
  ) throws -> RapportResult {
    let result = try run(arguments, user: user)
    XCTAssertEqual(
      result.status, 0, "rapport \(arguments.joined(separator: " ")) failed: \(result.summary)", file: file, line: line)
    XCTAssertFalse(result.signalled, file: file, line: line)
    return result
  }

  /// `rapport init` and `rapport account add acme --name Acme --tier 1`.
  func initWithAcme(file: StaticString = #filePath, line: UInt = #line) throws {
    try succeed(["init"], file: file, line: line)
    try succeed(["account", "add", "acme", "--name", "Acme", "--tier", "1"], file: file, line: line)
  }

  // MARK: The journal's bytes

  func bytes(of path: String) -> [UInt8]? {
    FileManager.default.contents(atPath: path).map { [UInt8]($0) }
  }

  func journalBytes() throws -> [UInt8] {
    try XCTUnwrap(bytes(of: journalPath), "no journal at \(journalPath)")
  }

  func write(_ bytes: [UInt8], to path: String) throws {
    try Data(bytes).write(to: URL(fileURLWithPath: path))
  }
}

/// A started subprocess whose output goes to two files.
struct RunningProcess: @unchecked Sendable {
  let process: Process
  let stdoutPath: String
  let stderrPath: String

  var pid: Int32 { process.processIdentifier }
  var isRunning: Bool { process.isRunning }

  func finish() throws -> RapportResult {
    process.waitUntilExit()
    let out = FileManager.default.contents(atPath: stdoutPath).map { [UInt8]($0) } ?? []
    let err = FileManager.default.contents(atPath: stderrPath).map { [UInt8]($0) } ?? []
    unlink(stdoutPath)
    unlink(stderrPath)
    return RapportResult(
      status: process.terminationStatus, signalled: process.terminationReason == .uncaughtSignal,
      stdoutBytes: out, stderrBytes: err)
  }
}

// MARK: Reading a journal file the way an outside tool (jq) would

/// One line of a journal file: where it starts, its bytes (without the newline) and its JSON.
struct JournalLine {
  var offset: Int
  var bytes: [UInt8]
  var object: [String: Any]

  var seq: Int? { (object["seq"] as? NSNumber)?.intValue }
  var id: String? { object["id"] as? String }
  var type: String? { object["type"] as? String }
  var account: String? { object["account"] as? String }
  var data: [String: Any]? { object["data"] as? [String: Any] }
  var by: String? { object["by"] as? String }
}

enum JournalFile {
  /// Splits `bytes` into lines and parses each with JSONSerialization; fails the test on a line that
  /// is not a JSON object, or on bytes after the last newline.
  static func lines(_ bytes: [UInt8], file: StaticString = #filePath, line: UInt = #line) throws -> [JournalLine] {
    var result: [JournalLine] = []
    var start = 0
    while start < bytes.count {
      guard let newline = bytes[start...].firstIndex(of: 0x0A) else {
        XCTFail("the journal ends without a newline at byte \(start)", file: file, line: line)
        break
      }
      let lineBytes = Array(bytes[start..<newline])
      let parsed = try JSONSerialization.jsonObject(with: Data(lineBytes))
      guard let object = parsed as? [String: Any] else {
        XCTFail("line at byte \(start) is not a JSON object", file: file, line: line)
        break
      }
      result.append(JournalLine(offset: start, bytes: lineBytes, object: object))
      start = newline + 1
    }
    return result
  }
}

extension JournalFile {
  /// Where the seqs of `lines` first differ from 1, 2, 3…: a description, or nil when contiguous.
  static func firstSeqGap(_ lines: [JournalLine]) -> String? {
    guard let index = lines.indices.first(where: { lines[$0].seq != $0 + 1 }) else { return nil }
    return "line \(index + 1) (byte \(lines[index].offset)) holds seq \(lines[index].seq.map(String.init) ?? "none")"
  }
}

/// Parses a JSON document printed by `--format json`.
func parseJSON(_ text: String, file: StaticString = #filePath, line: UInt = #line) throws -> Any {
  do {
    return try JSONSerialization.jsonObject(with: Data(text.utf8), options: [.fragmentsAllowed])
  } catch {
    XCTFail("not JSON: \(text)", file: file, line: line)
    throw error
  }
}

/// A lock-protected value shared between worker threads.
final class Locked<Value>: @unchecked Sendable {
  private let lock = NSLock()
  private var value: Value

  init(_ value: Value) { self.value = value }

  func withValue<T>(_ body: (inout Value) throws -> T) rethrows -> T {
    lock.lock()
    defer { lock.unlock() }
    return try body(&value)
  }

  var current: Value { withValue { $0 } }
}

/// The base of the end-to-end tests: a fresh sandbox per test, removed afterwards.
class RapportCLITestCase: XCTestCase {
  private var sandboxes: [RapportSandbox] = []

  func makeSandbox(user: String = "alice") throws -> RapportSandbox {
    let sandbox = try RapportSandbox(user: user)
    sandboxes.append(sandbox)
    return sandbox
  }

  override func tearDown() {
    for sandbox in sandboxes { sandbox.remove() }
    sandboxes.removeAll()
    super.tearDown()
  }

  /// Milliseconds since `start`, for timing reports.
  func elapsed(since start: DispatchTime) -> Double {
    Double(DispatchTime.now().uptimeNanoseconds - start.uptimeNanoseconds) / 1e6
  }
}
