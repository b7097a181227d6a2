/// What the folding thread keeps from one record to the next while it builds records from their
/// envelopes: the envelope strings met before, and the storage of a finished record's data, filled
/// again with the next record's.
///
/// A record's data is copied out of the journal's mapping into storage of its own (`FlatObject`), and
/// nearly every record is folded and gone before the next is built: filling the last one's storage
/// again saves a `malloc` and a `free` per record (about 80 instructions), and that storage is still
/// in the processor's cache.
struct RecordReading {
  /// The writers, logins and types met before.
  var strings = RepeatedStrings()
  /// Storage that no record holds any more, for the next record's data.
  var spareData: FlatObject.Storage?

  /// Keeps `record`'s data storage for the next record when nothing else holds it (a record kept
  /// elsewhere, in a batch awaiting its last line for one, keeps its storage).
  mutating func recycle(_ record: consuming Record) {
    if let storage = record.data.takeFlatStorage() { spareData = storage }
  }
}
