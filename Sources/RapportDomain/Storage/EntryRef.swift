/// Where the entry created by a record lives in the book (account position, index in its list), so
/// corrections can find it by sequence number.
package enum EntryRef: Sendable, Equatable {
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

  /// The entry of an account's list with tag `tag` (1 to 10): the numbering the entry table packs
  /// and the checkpoint writes.
  package static func pair(tag: UInt8, account: Int, index: Int) -> EntryRef {
    switch tag {
    case 1: return .contact(account: account, index: index)
    case 2: return .touchpoint(account: account, index: index)
    case 3: return .nps(account: account, index: index)
    case 4: return .usage(account: account, index: index)
    case 5: return .ticket(account: account, index: index)
    case 6: return .ticketClosing(account: account, index: index)
    case 7: return .criterion(account: account, index: index)
    case 8: return .criterionMeeting(account: account, index: index)
    case 9: return .valueNote(account: account, index: index)
    default: return .qbr(account: account, index: index)
    }
  }
}
