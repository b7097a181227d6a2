import Foundation

/// Runs a program to its end and gives its exit status and what it printed (output and errors
/// together), for the tests of scripts: the install, the package and the team-setup page's check.
enum ShellCommand {
  static func run(_ executable: String, _ arguments: [String], environment extra: [String: String] = [:]) throws
    -> (Int32, String)
  {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: executable)
    process.arguments = arguments
    var environment = ProcessInfo.processInfo.environment
    environment.merge(extra) { _, new in new }
    process.environment = environment
    let pipe = Pipe()
    process.standardOutput = pipe
    process.standardError = pipe
    try process.run()
    let output = pipe.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return (process.terminationStatus, String(decoding: output, as: UTF8.self))
  }

  /// `command` run by `/bin/sh -c`.
  static func shell(_ command: String, environment extra: [String: String] = [:]) throws -> (Int32, String) {
    try run("/bin/sh", ["-c", command], environment: extra)
  }
}
