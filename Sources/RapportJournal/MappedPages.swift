import Glibc

/// Hands the pages of a read-only file mapping back to the kernel once they have been read, so that a
/// scan's resident memory does not count the whole file (the kernel keeps them in its page cache, and
/// a page read again faults back in from there). Does nothing for bytes that are not such a mapping:
/// there it would zero the process's own memory.
struct MappedPages {
  /// How much is read before the pages behind are released.
  static let stride = 2 << 20

  private let bytes: UnsafeRawBufferPointer
  private let releasing: Bool
  private var released: Int

  /// For reading `bytes` from `start` on.
  init(bytes: UnsafeRawBufferPointer, releasing: Bool, from start: Int = 0) {
    self.bytes = bytes
    self.releasing = releasing
    released = start
  }

  /// Everything before `index` has been read: releases it once a stride's worth waits.
  mutating func read(upTo index: Int) {
    guard releasing, index - released >= Self.stride else { return }
    Self.release(bytes, from: released, upTo: index)
    released = index
  }

  /// Drops the whole pages of `bytes[start..<end]` from this process's resident set.
  static func release(_ bytes: UnsafeRawBufferPointer, from start: Int = 0, upTo end: Int) {
    guard let base = bytes.baseAddress, end > start else { return }
    let pageSize = Int(sysconf(Int32(_SC_PAGESIZE)))
    let address = Int(bitPattern: base)
    let firstPage = (address + start + pageSize - 1) / pageSize * pageSize
    let lastPage = (address + end) / pageSize * pageSize
    guard lastPage > firstPage, let pointer = UnsafeMutableRawPointer(bitPattern: firstPage) else { return }
    madvise(pointer, lastPage - firstPage, MADV_DONTNEED)
  }
}
