import RapportJournal

/// What one journal record says happened: a case per event type, each with its typed payload.
///
/// This is the one codec between the journal's `type` and `data` and the domain: the commands make
/// events, the demo generator makes events, and the fold reads records only through
/// `Event(type:data:)`. A type this version does not know (written by a newer minor version) is kept
/// as `.unknown`, never dropped.
///
/// The rare, large payloads are `indirect` (boxed), so that the value the fold passes along for every
/// record stays the size of a touchpoint's.
public enum Event: Sendable, Equatable {
  indirect case accountCreated(AccountCreated)
  indirect case accountUpdated(AccountUpdated)
  case ownerAssigned(OwnerAssigned)
  indirect case handoff(Handoff)
  indirect case stageChanged(StageChanged)
  indirect case contactAdded(ContactAdded)
  case touchpointLogged(TouchpointLogged)
  case npsRecorded(NPSRecorded)
  case usageRecorded(UsageRecorded)
  case ticketOpened(TicketOpened)
  case ticketClosed(TicketClosed)
  case criterionAdded(CriterionAdded)
  case criterionMet(CriterionMet)
  case valueNoted(ValueNoted)
  case qbrScheduled(QBRScheduled)
  case taskCreated(TaskCreated)
  case taskCompleted(TaskCompleted)
  indirect case entryAmended(EntryAmended)
  case entryRetracted(EntryRetracted)
  indirect case configSet(ConfigSet)
  indirect case standupStarted(StandupStarted)
  indirect case standupAgenda(StandupAgendaChanged)
  indirect case standupReviewed(StandupReviewed)
  indirect case standupHeld(StandupHeld)
  indirect case memberAdded(MemberAdded)
  indirect case renewalRecorded(RenewalRecorded)
  indirect case accountVoided(AccountVoided)
  /// A record of a type this version does not know, kept as written.
  indirect case unknown(type: String, data: JSONObject)

  /// Reads a record's `type` and `data`. Throws what is wrong with the data of a known type; an unknown
  /// type is not an error (see `.unknown`). The journal's own first record is not an event.
  public init(type: String, data: JSONObject) throws(DomainError) {
    try self.init(EventType(name: type), type: type, data: data)
  }

  /// `init(type:data:)` for a caller that has looked the type up already (`known`: nil when unknown).
  init(_ known: EventType?, type: String, data: JSONObject) throws(DomainError) {
    guard let known else {
      self = .unknown(type: type, data: data)
      return
    }
    switch known {
    case .journalCreated, .journalRepaired: self = .unknown(type: type, data: data)
    case .accountCreated: self = .accountCreated(try AccountCreated(data: data))
    case .accountUpdated: self = .accountUpdated(try AccountUpdated(data: data))
    case .ownerAssigned: self = .ownerAssigned(try OwnerAssigned(data: data))
    case .handoff: self = .handoff(try Handoff(data: data))
    case .stageChanged: self = .stageChanged(try StageChanged(data: data))
    case .contactAdded: self = .contactAdded(try ContactAdded(data: data))
    case .touchpointLogged: self = .touchpointLogged(try TouchpointLogged(data: data))
    case .npsRecorded: self = .npsRecorded(try NPSRecorded(data: data))
    case .usageRecorded: self = .usageRecorded(try UsageRecorded(data: data))
    case .ticketOpened: self = .ticketOpened(try TicketOpened(data: data))
    case .ticketClosed: self = .ticketClosed(try TicketClosed(data: data))
    case .criterionAdded: self = .criterionAdded(try CriterionAdded(data: data))
    case .criterionMet: self = .criterionMet(try CriterionMet(data: data))
    case .valueNoted: self = .valueNoted(try ValueNoted(data: data))
    case .qbrScheduled: self = .qbrScheduled(try QBRScheduled(data: data))
    case .taskCreated: self = .taskCreated(try TaskCreated(data: data))
    case .taskCompleted: self = .taskCompleted(try TaskCompleted(data: data))
    case .entryAmended: self = .entryAmended(try EntryAmended(data: data))
    case .entryRetracted: self = .entryRetracted(try EntryRetracted(data: data))
    case .configSet: self = .configSet(try ConfigSet(data: data))
    case .standupStarted: self = .standupStarted(try StandupStarted(data: data))
    case .standupAgenda: self = .standupAgenda(try StandupAgendaChanged(data: data))
    case .standupReviewed: self = .standupReviewed(try StandupReviewed(data: data))
    case .standupHeld: self = .standupHeld(try StandupHeld(data: data))
    case .memberAdded: self = .memberAdded(try MemberAdded(data: data))
    case .renewalRecorded: self = .renewalRecorded(try RenewalRecorded(data: data))
    case .accountVoided: self = .accountVoided(try AccountVoided(data: data))
    }
  }

  /// The record's `type`.
  public var type: String {
    switch self {
    case .accountCreated: AccountCreated.type.rawValue
    case .accountUpdated: AccountUpdated.type.rawValue
    case .ownerAssigned: OwnerAssigned.type.rawValue
    case .handoff: Handoff.type.rawValue
    case .stageChanged: StageChanged.type.rawValue
    case .contactAdded: ContactAdded.type.rawValue
    case .touchpointLogged: TouchpointLogged.type.rawValue
    case .npsRecorded: NPSRecorded.type.rawValue
    case .usageRecorded: UsageRecorded.type.rawValue
    case .ticketOpened: TicketOpened.type.rawValue
    case .ticketClosed: TicketClosed.type.rawValue
    case .criterionAdded: CriterionAdded.type.rawValue
    case .criterionMet: CriterionMet.type.rawValue
    case .valueNoted: ValueNoted.type.rawValue
    case .qbrScheduled: QBRScheduled.type.rawValue
    case .taskCreated: TaskCreated.type.rawValue
    case .taskCompleted: TaskCompleted.type.rawValue
    case .entryAmended: EntryAmended.type.rawValue
    case .entryRetracted: EntryRetracted.type.rawValue
    case .configSet: ConfigSet.type.rawValue
    case .standupStarted: StandupStarted.type.rawValue
    case .standupAgenda: StandupAgendaChanged.type.rawValue
    case .standupReviewed: StandupReviewed.type.rawValue
    case .standupHeld: StandupHeld.type.rawValue
    case .memberAdded: MemberAdded.type.rawValue
    case .renewalRecorded: RenewalRecorded.type.rawValue
    case .accountVoided: AccountVoided.type.rawValue
    case .unknown(let type, _): type
    }
  }

  /// The record's `data`.
  public var data: JSONObject {
    switch self {
    case .accountCreated(let payload): payload.data
    case .accountUpdated(let payload): payload.data
    case .ownerAssigned(let payload): payload.data
    case .handoff(let payload): payload.data
    case .stageChanged(let payload): payload.data
    case .contactAdded(let payload): payload.data
    case .touchpointLogged(let payload): payload.data
    case .npsRecorded(let payload): payload.data
    case .usageRecorded(let payload): payload.data
    case .ticketOpened(let payload): payload.data
    case .ticketClosed(let payload): payload.data
    case .criterionAdded(let payload): payload.data
    case .criterionMet(let payload): payload.data
    case .valueNoted(let payload): payload.data
    case .qbrScheduled(let payload): payload.data
    case .taskCreated(let payload): payload.data
    case .taskCompleted(let payload): payload.data
    case .entryAmended(let payload): payload.data
    case .entryRetracted(let payload): payload.data
    case .configSet(let payload): payload.data
    case .standupStarted(let payload): payload.data
    case .standupAgenda(let payload): payload.data
    case .standupReviewed(let payload): payload.data
    case .standupHeld(let payload): payload.data
    case .memberAdded(let payload): payload.data
    case .renewalRecorded(let payload): payload.data
    case .accountVoided(let payload): payload.data
    case .unknown(_, let data): data
    }
  }
}

extension EventDraft {
  /// The draft of a record saying `event` happened to `account`.
  public init(_ event: Event, account: String?, id: String = EventDraft.newID()) {
    self.init(id: id, type: event.type, account: account, data: event.data)
  }
}
