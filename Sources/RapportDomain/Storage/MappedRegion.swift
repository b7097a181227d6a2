import Synchronization

/// A checkpoint's lists as they lie in its mapped file, with how their references become this
/// process's. The mapping is never unmapped: the book's lists and texts point into it for as long as
/// the process runs, as `TextStore`'s chunks do; lists find the region's relocation by its number.
package final class MappedRegion: @unchecked Sendable {
  // @unchecked: `relocation` is set once, by the checkpoint's reader, before any list of the region is
  // read or the book that holds them is handed to anyone; it is only read after that.
  package var relocation: Relocation {
    get { Self.relocations[Int(number)] }
    set { Self.relocations[Int(number)] = newValue }
  }
  /// Its number among the regions (what a `BookList` keeps: 4 bytes instead of a reference's 8).
  let number: UInt32

  private init(number: UInt32) { self.number = number }

  static let maximumRegions = 1 << 16

  /// The regions' relocations by number, where a list reads them for every value (no object, no
  /// reference count).
  /// Only the slots of regions made are initialised (by `make()`): the table's untouched pages cost
  /// no memory, and every viewer has one.
  private nonisolated(unsafe) static let relocations = UnsafeMutablePointer<Relocation>.allocate(
    capacity: maximumRegions)
  private static let count = Mutex(0)

  /// A new region (kept for the process's life); nil when a process has opened `maximumRegions`
  /// checkpoints already (its caller then decodes instead).
  package static func make() -> MappedRegion? {
    count.withLock { count in
      guard count < maximumRegions else { return nil }
      let region = MappedRegion(number: UInt32(count))
      (relocations + count).initialize(to: .none)
      count += 1
      return region
    }
  }

  /// The relocation of the region numbered `number` by `make()`.
  static func relocation(_ number: UInt32) -> Relocation { relocations[Int(number)] }
}
