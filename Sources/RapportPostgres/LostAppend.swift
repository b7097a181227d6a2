import RapportJournal

/// An append whose connection was lost, and could not be made again, said so that the user knows
/// what to do: whether the write is known not saved (run the command again) or may have been saved
/// (COMMIT was sent and its reply never came: look before running it again).
struct LostAppend: CustomStringConvertible {
  /// The journal's name (its connection string without the password).
  var journal: String
  /// What libpq or the server said last.
  var cause: String
  var mayHaveSaved: Bool
  /// The first record the lost write would have made.
  var firstRecord: Record?

  var description: String {
    let lost = "the connection was lost while appending (\(cause))"
    guard mayHaveSaved, let record = firstRecord else {
      return "\(lost); nothing was saved: running the command again is safe"
    }
    return "\(lost), after COMMIT was sent, and the server could not be reached again to check:"
      + " the write may have been saved as record #\(record.seq) (id=\(record.id)). Before running the command"
      + " again, run `rapport verify`: if its last record is #\(record.seq) or later, look for id=\(record.id)"
      + " (`rapport timeline`) rather than writing it twice"
  }
}
