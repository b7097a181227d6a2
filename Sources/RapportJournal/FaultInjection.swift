import Glibc

/// Test-only fault injection, read once from the environment. `RAPPORT_FAULT_PAUSE_MID_WRITE_MS`
/// splits every append in two with a pause between, so crash tests can kill a writer mid-record.
enum FaultInjection {
  static let pauseMidWrite: Int = {
    guard let raw = getenv("RAPPORT_FAULT_PAUSE_MID_WRITE_MS") else { return 0 }
    return Int(String(cString: raw)) ?? 0
  }()
}
