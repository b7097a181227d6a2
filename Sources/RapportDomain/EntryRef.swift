/// Where the entry created by a record lives in the book, so corrections can find it by sequence number.
enum EntryRef: Sendable, Equatable {
  case contact(String, Int)
  case touchpoint(String, Int)
  case nps(String, Int)
  case usage(String, Int)
  case ticket(String, Int)
  case ticketClosing(String, Int)
  case criterion(String, Int)
  case criterionMeeting(String, Int)
  case valueNote(String, Int)
  case qbr(String, Int)
  case task(Int)
  case taskCompletion(Int)
  /// A record that is not corrected through amend or retract (account, owner and stage changes).
  case fixed(type: String)
}
