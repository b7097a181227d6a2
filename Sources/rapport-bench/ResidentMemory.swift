import Glibc

/// Resident set size from /proc/self/status, in MB.
enum ResidentMemory {
  static func read() -> (current: Double, peak: Double) {
    guard let file = fopen("/proc/self/status", "r") else { return (0, 0) }
    defer { fclose(file) }
    var current = 0.0
    var peak = 0.0
    var line: UnsafeMutablePointer<CChar>?
    var capacity = 0
    while getline(&line, &capacity, file) > 0, let line {
      let text = String(cString: line)
      let kilobytes = Double(text.split(separator: " ").dropFirst().first { !$0.isEmpty }.flatMap { Double($0) } ?? 0)
      if text.hasPrefix("VmRSS:") { current = kilobytes / 1024 }
      if text.hasPrefix("VmHWM:") { peak = kilobytes / 1024 }
    }
    free(line)
    return (current, peak)
  }
}
