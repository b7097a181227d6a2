/// A checkpoint's lists as they lie in its mapped file, with how their references become this
/// process's. The mapping is never unmapped: the book's lists and texts point into it for as long as
/// the process runs, as `TextStore`'s chunks do.
package final class MappedRegion: @unchecked Sendable {
  // @unchecked: `relocation` is set once, by the checkpoint's reader, before any list of the region is
  // read or the book that holds them is handed to anyone; it is only read after that.
  package var relocation = Relocation(users: [], textChunk: 0, rareBase: 0)

  package init() {}
}
