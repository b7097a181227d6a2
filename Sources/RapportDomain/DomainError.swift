/// Why the domain refused a command. Front ends turn these into messages and exit codes.
public enum DomainError: Error, Sendable, Equatable, CustomStringConvertible {
  case unknownAccount(String)
  case duplicateAccount(String)
  /// The journal holds records for this account id, but not its (readable) creation record.
  case reservedAccount(String)
  case invalidSlug(String)
  case invalidUser(String)
  /// A field whose value is wrong: the field's name, what was given, what is expected.
  case invalidValue(field: String, value: String, expected: String)
  case missingValue(field: String)
  case unknownEntry(Int)
  case notCorrectable(seq: Int, type: String, hint: String)
  case alreadyRetracted(Int)
  case fieldNotAmendable(field: String, type: String, allowed: [String])
  case nothingToChange
  case unknownCriterion(account: String, number: Int)
  case criterionAlreadyMet(account: String, number: Int)
  case ticketAlreadyOpen(account: String, ticket: String)
  case unknownTicket(account: String, ticket: String)
  case ticketAlreadyClosed(account: String, ticket: String)
  case unknownTask(Int)
  case taskAlreadyDone(Int)
  case sameOwner(account: String, owner: String)
  case noOwnerToHandOff(String)
  /// Something that happened, dated after today.
  case inTheFuture(field: String, day: Day, today: Day)
  /// A write while the day taken as today is after the clock's own date: it would be dated in the future.
  case todayAfterClock(today: Day, clock: Day)
  /// On a journal with members: the acting name is not one of them.
  case notAMember(String)
  /// On a journal with members: the member's entry does not list the OS login the write comes from.
  case loginNotAllowed(user: String, login: String)
  case viewerCannotWrite(String)
  case adminOnly(user: String, action: String)
  /// The account was voided (created by mistake, record `seq`) and its id not used again since.
  case accountVoided(slug: String, seq: Int, by: String, day: Day, reason: String)
  /// A standup step names a standup that is no longer open (held, or replaced by a newer one).
  case standupNotOpen

  public var description: String {
    switch self {
    case .unknownAccount(let slug): return "unknown account '\(slug)' (see `rapport account list`)"
    case .duplicateAccount(let slug): return "an account '\(slug)' already exists"
    case .reservedAccount(let slug):
      return "the journal holds records for an account '\(slug)' whose creation record is damaged or missing:"
        + " the id stays taken (run `rapport verify` to find the damaged record)"
    case .invalidSlug(let slug):
      return
        "invalid account id '\(slug)': use 1–40 lowercase letters, digits and hyphens, starting with a letter or digit"
    case .invalidUser(let user):
      return "invalid user name '\(user)': use 1–64 letters, digits, '.', '_', '-' or '@'"
    case .invalidValue(let field, let value, let expected): return "invalid \(field) '\(value)': expected \(expected)"
    case .missingValue(let field): return "missing \(field)"
    case .unknownEntry(let seq): return "no entry with sequence number \(seq)"
    case .notCorrectable(let seq, let type, let hint):
      return "entry \(seq) (\(type)) cannot be corrected this way: \(hint)"
    case .alreadyRetracted(let seq): return "entry \(seq) is already retracted"
    case .fieldNotAmendable(let field, let type, let allowed):
      return "\(field) cannot be amended on a \(type) entry (amendable: \(allowed.joined(separator: ", ")))"
    case .nothingToChange: return "nothing to change: give at least one field"
    case .unknownCriterion(let account, let number): return "account '\(account)' has no success criterion \(number)"
    case .criterionAlreadyMet(let account, let number):
      return "success criterion \(number) of '\(account)' is already met"
    case .ticketAlreadyOpen(let account, let ticket): return "ticket \(ticket) of '\(account)' is already open"
    case .unknownTicket(let account, let ticket): return "account '\(account)' has no ticket \(ticket)"
    case .ticketAlreadyClosed(let account, let ticket): return "ticket \(ticket) of '\(account)' is already closed"
    case .unknownTask(let id): return "no task \(id) (see `rapport timeline SLUG`)"
    case .taskAlreadyDone(let id): return "task \(id) is already done"
    case .sameOwner(let account, let owner): return "\(owner) already owns '\(account)'"
    case .inTheFuture(let field, let day, let today):
      return "\(field) \(day) is in the future (today is \(today)): only what has happened can be recorded"
    case .todayAfterClock(let today, let clock):
      return "today is taken as \(today) (--today or RAPPORT_TODAY), after the clock's date \(clock): an entry is"
        + " dated the day it happens, so nothing can be written; a later today is for looking ahead (board, due,"
        + " forecast) and only reads"
    case .notAMember(let user):
      return "\(user) is not a member of this journal (an admin adds members with `rapport member add`)"
    case .loginNotAllowed(let user, let login):
      return "you are logged in as \(login), and \(user)'s member entry does not list that login: you can only"
        + " write as yourself (an admin can add the login with `rapport member add \(user) --login \(login)`)"
    case .viewerCannotWrite(let user): return "\(user) is a viewer of this journal: viewers cannot write"
    case .adminOnly(let user, let action): return "only an admin can \(action); \(user) is not one"
    case .accountVoided(let slug, let seq, let by, let day, let reason):
      return "account '\(slug)' was voided on \(day) by \(by) (#\(seq): \(reason)): nothing more can be recorded"
        + " on it; `rapport timeline \(slug)` shows its history, `rapport account add \(slug)` creates a new account"
    case .standupNotOpen:
      return "that standup is no longer open (finished, or replaced by a newer one): S shows the current one"
    case .noOwnerToHandOff(let account):
      return "'\(account)' has no owner to hand off from; assign one with `rapport owner`"
    }
  }
}
