/// The stable `type` strings of journal records (documented in docs/journal.md).
public enum EventType: String, Sendable, CaseIterable {
  case journalCreated = "journal.created"
  /// A damaged end of the journal moved to the quarantine file by `rapport repair` (see `Journal.repair`).
  case journalRepaired = "journal.repaired"
  case accountCreated = "account.created"
  case accountUpdated = "account.updated"
  case ownerAssigned = "owner.assigned"
  case handoff = "owner.handoff"
  case stageChanged = "stage.changed"
  case contactAdded = "contact.added"
  case touchpointLogged = "touchpoint.logged"
  case npsRecorded = "nps.recorded"
  case usageRecorded = "usage.recorded"
  case ticketOpened = "ticket.opened"
  case ticketClosed = "ticket.closed"
  case criterionAdded = "criterion.added"
  case criterionMet = "criterion.met"
  case valueNoted = "value.noted"
  case qbrScheduled = "qbr.scheduled"
  case taskCreated = "task.created"
  case taskCompleted = "task.completed"
  case entryAmended = "entry.amended"
  case entryRetracted = "entry.retracted"
  case configSet = "config.set"
  case standupStarted = "standup.started"
  case standupAgenda = "standup.agenda"
  case standupReviewed = "standup.reviewed"
  case standupHeld = "standup.held"
  case memberAdded = "member.added"
  case renewalRecorded = "renewal.recorded"
  /// An account created by mistake, voided: gone from every list, its id free (see `Event.AccountVoided`).
  case accountVoided = "account.voided"

  private static let byName = EventTypeNames()

  /// A table lookup: the synthesised `init(rawValue:)` compares against every case in turn, on every
  /// record of a replay.
  public init?(name: String) {
    guard let type = Self.byName.type(named: name) else { return nil }
    self = type
  }
}
