/// A value a checkpoint can hold as its bytes, to be used where it lies in the mapped file.
///
/// Such a value holds no object references (`BitwiseCopyable`); what it refers to outside itself
/// (users, free text, the rare parts of its `EntryMeta`) is a number that only means something in one
/// process. A checkpoint holds the value in its portable form, numbers relative to the checkpoint
/// (`portable(in:)`), and a reader turns them back into this process's numbers as it reads the value
/// (`relocated(by:)`). Both are a few integer operations: nothing is decoded.
public protocol MappableEntry: BitwiseCopyable, Sendable, Equatable {
  /// This value with its references relative to the checkpoint being written.
  func portable(in references: inout PortableReferences) -> Self
  /// This value, read from a checkpoint, with its references made this process's.
  func relocated(by relocation: Relocation) -> Self
}

extension MappableEntry {
  public func portable(in references: inout PortableReferences) -> Self { self }
  public func relocated(by relocation: Relocation) -> Self { self }
}

/// The lists an account's entries are kept in — `BookList` for the lists a checkpoint maps, arrays
/// for the short ones — so that the fold and the corrections handle both alike.
package protocol EntryList<Element>: MutableCollection, RangeReplaceableCollection where Index == Int {}

extension Array: EntryList {}
extension BookList: EntryList {}

extension Int: MappableEntry {}
extension UInt64: MappableEntry {}
extension Bool: MappableEntry {}
