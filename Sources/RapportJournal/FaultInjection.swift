import Glibc

/// Test-only fault injection, read once from the environment. `RAPPORT_FAULT_PAUSE_MID_WRITE_MS`
/// splits every append in two with a pause between (a large batch: pauses after its first chunk), so
/// crash tests can kill a writer mid-record. `RAPPORT_FAULT_BATCH_CHUNK_BYTES` makes a large batch's
/// chunks that small, and `RAPPORT_FAULT_DISK_FULL_AFTER_BYTES` fails its write with ENOSPC once that
/// many of its bytes are in the file, as a full disk does.
enum FaultInjection {
  static let pauseMidWrite: Int = integer("RAPPORT_FAULT_PAUSE_MID_WRITE_MS") ?? 0
  static let batchChunkBytes: Int? = integer("RAPPORT_FAULT_BATCH_CHUNK_BYTES")
  static let diskFullAfterBytes: Int? = integer("RAPPORT_FAULT_DISK_FULL_AFTER_BYTES")

  private static func integer(_ name: String) -> Int? {
    guard let raw = getenv(name) else { return nil }
    return Int(String(cString: raw))
  }
}
