/// Where the entry created by a record lives in the book (account position, index in its list), so
/// corrections can find it by sequence number.
enum EntryRef: Sendable, Equatable {
  case contact(account: Int, index: Int)
  case touchpoint(account: Int, index: Int)
  case nps(account: Int, index: Int)
  case usage(account: Int, index: Int)
  case ticket(account: Int, index: Int)
  case ticketClosing(account: Int, index: Int)
  case criterion(account: Int, index: Int)
  case criterionMeeting(account: Int, index: Int)
  case valueNote(account: Int, index: Int)
  case qbr(account: Int, index: Int)
  case task(Int)
  case taskCompletion(Int)
  /// A record that is not corrected through amend or retract (account, owner and stage changes).
  case fixed(type: String)
}
