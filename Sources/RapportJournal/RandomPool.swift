import Glibc
import Synchronization

/// Random bytes for record ids, fetched from the kernel a page at a time: one `getrandom` call per id
/// made a 1,000,000-row import spend a quarter of its time in the kernel.
enum RandomPool {
  private struct Pool {
    var bytes = [UInt8](repeating: 0, count: 4096)
    var used = 4096
  }

  private static let pool = Mutex(Pool())

  /// 16 random bytes.
  static func sixteenBytes() -> (UInt64, UInt64) {
    pool.withLock { pool in
      if pool.used + 16 > pool.bytes.count {
        refill(&pool.bytes)
        pool.used = 0
      }
      let start = pool.used
      pool.used += 16
      return pool.bytes.withUnsafeBytes { raw in
        (
          raw.loadUnaligned(fromByteOffset: start, as: UInt64.self),
          raw.loadUnaligned(fromByteOffset: start + 8, as: UInt64.self)
        )
      }
    }
  }

  /// One call for the whole pool (glibc's `arc4random_buf` reads `getrandom`).
  private static func refill(_ bytes: inout [UInt8]) {
    bytes.withUnsafeMutableBytes { raw in
      if let base = raw.baseAddress { arc4random_buf(base, raw.count) }
    }
  }
}
