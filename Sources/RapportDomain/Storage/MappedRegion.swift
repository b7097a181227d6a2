import Synchronization

/// A checkpoint's lists as they lie in its mapped file, with how their references become this
/// process's. The mapping is never unmapped: the book's lists and texts point into it for as long as
/// the process runs, as `TextStore`'s chunks do; so is the region, which lists find by its number.
package final class MappedRegion: @unchecked Sendable {
  // @unchecked: `relocation` is set once, by the checkpoint's reader, before any list of the region is
  // read or the book that holds them is handed to anyone; it is only read after that.
  package var relocation = Relocation(users: [], textChunk: 0, rareBase: 0)
  /// Its number among the regions (what a `BookList` keeps: 4 bytes instead of a reference's 8).
  let number: UInt32

  private init(number: UInt32) { self.number = number }

  static let maximumRegions = 1 << 16

  /// The regions by number: each written under `count`'s lock before its number is handed out, and
  /// never changed or freed, so reading one needs no lock.
  private nonisolated(unsafe) static let regions = UnsafeMutablePointer<Unmanaged<MappedRegion>?>.allocate(
    capacity: maximumRegions)
  private static let count = Mutex(0)

  /// A new region (kept for the process's life); nil when a process has opened `maximumRegions`
  /// checkpoints already (its caller then decodes instead).
  package static func make() -> MappedRegion? {
    count.withLock { count in
      guard count < maximumRegions else { return nil }
      let region = MappedRegion(number: UInt32(count))
      regions[count] = Unmanaged.passRetained(region)
      count += 1
      return region
    }
  }

  /// The region numbered `number` by `make()`.
  static func numbered(_ number: UInt32) -> MappedRegion {
    // Only `make()` hands out numbers, after storing the region.
    regions[Int(number)].unsafelyUnwrapped.takeUnretainedValue()
  }
}
