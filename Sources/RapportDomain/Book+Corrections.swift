import RapportJournal

extension Book {
  /// What a correction may touch: the entry's record type and its amendable fields.
  public struct CorrectionTarget: Sendable, Equatable {
    public var type: String
    public var amendableFields: [String]
    public var isRetracted: Bool
  }

  /// Describes the entry at `seq` for a correction, or throws why it cannot be corrected.
  public func correctionTarget(_ seq: Int) throws(DomainError) -> CorrectionTarget {
    guard let ref = entry(seq) else { throw .unknownEntry(seq) }
    if let slug = voidedAccount(of: ref) { throw missingAccount(slug) }
    switch ref {
    case .contact(let account, let index): return target(.contactAdded, accounts[position: account].contacts[index])
    case .touchpoint(let account, let index):
      return target(.touchpointLogged, accounts[position: account].touchpoints[index])
    case .nps(let account, let index): return target(.npsRecorded, accounts[position: account].npsResponses[index])
    case .usage(let account, let index): return target(.usageRecorded, accounts[position: account].usage[index])
    case .ticket(let account, let index): return target(.ticketOpened, accounts[position: account].tickets[index])
    case .criterion(let account, let index): return target(.criterionAdded, accounts[position: account].criteria[index])
    case .valueNote(let account, let index): return target(.valueNoted, accounts[position: account].valueNotes[index])
    case .qbr(let account, let index): return target(.qbrScheduled, accounts[position: account].qbrs[index])
    case .task(let id): return target(.taskCreated, tasks[id])
    case .ticketClosing(let account, let index):
      let meta = accounts[position: account].tickets[index].closing?.meta
      return CorrectionTarget(
        type: EventType.ticketClosed.rawValue, amendableFields: ["date"], isRetracted: isStale(meta, seq))
    case .criterionMeeting(let account, let index):
      let meta = accounts[position: account].criteria[index].meeting?.meta
      return CorrectionTarget(
        type: EventType.criterionMet.rawValue, amendableFields: ["date"], isRetracted: isStale(meta, seq))
    case .taskCompletion(let id):
      let meta = tasks[id]?.completion?.meta
      return CorrectionTarget(
        type: EventType.taskCompleted.rawValue, amendableFields: ["date"], isRetracted: isStale(meta, seq))
    case .fixed(let type):
      throw .notCorrectable(seq: seq, type: type, hint: hint(for: type))
    }
  }

  /// The id of the voided account holding the entry `ref`, if it is on one (nothing can be corrected
  /// there any more).
  private func voidedAccount(of ref: EntryRef) -> String? {
    guard !voids.isEmpty else { return nil }
    switch ref {
    case .contact(let account, _), .touchpoint(let account, _), .nps(let account, _), .usage(let account, _),
      .ticket(let account, _), .ticketClosing(let account, _), .criterion(let account, _),
      .criterionMeeting(let account, _), .valueNote(let account, _), .qbr(let account, _):
      return accounts.isVoided(position: account) ? accounts[position: account].slug : nil
    case .task(let id), .taskCompletion(let id):
      guard let task = tasks[id], !isLive(task) else { return nil }
      return task.account
    case .fixed: return nil
    }
  }

  /// A closing, meeting or completion record is current only while it is the one on its entry: a
  /// newer one can only exist because this one was retracted.
  private func isStale(_ current: EntryMeta?, _ seq: Int) -> Bool {
    guard let current, current.seq == seq else { return true }
    return current.isRetracted
  }

  private func target<Entry: AmendableEntry>(_ type: EventType, _ entry: Entry?) -> CorrectionTarget {
    CorrectionTarget(
      type: type.rawValue, amendableFields: Entry.amendableFields, isRetracted: entry?.meta.isRetracted ?? false)
  }

  private func hint(for type: String) -> String {
    switch EventType(rawValue: type) {
    case .accountCreated:
      return "change the account with `rapport account set`, or void one created by mistake with `rapport void`"
    case .accountUpdated: return "change the account with `rapport account set`"
    case .ownerAssigned, .handoff: return "assign the right owner with `rapport owner` or `rapport handoff`"
    case .stageChanged: return "set the right stage with `rapport stage`"
    case .entryAmended, .entryRetracted: return "correct the original entry instead"
    default: return "it is not a correctable entry"
    }
  }

  mutating func amend(_ amendment: Event.EntryAmended, seq amendmentSeq: Int) throws(DomainError) {
    let seq = amendment.target
    let changes = amendment.changes
    let target = try correctionTarget(seq)
    if target.isRetracted { throw .notCorrectable(seq: seq, type: target.type, hint: "it is retracted") }
    for key in changes.keys where !target.amendableFields.contains(key) {
      throw .fieldNotAmendable(field: key, type: target.type, allowed: target.amendableFields)
    }
    guard let ref = entry(seq) else { throw .unknownEntry(seq) }
    let amendment = amendmentSeq
    switch ref {
    case .contact(let account, let index): try amendEntry(\.contacts, account, index, changes, amendment)
    case .touchpoint(let account, let index):
      try amendEntry(\.touchpoints, account, index, changes, amendment)
      accounts.modify(at: account) { $0.touchFacts[index] = TouchFacts($0.touchpoints[index]) }
    case .nps(let account, let index): try amendEntry(\.npsResponses, account, index, changes, amendment)
    case .usage(let account, let index): try amendEntry(\.usage, account, index, changes, amendment)
    case .ticket(let account, let index): try amendEntry(\.tickets, account, index, changes, amendment)
    case .criterion(let account, let index): try amendEntry(\.criteria, account, index, changes, amendment)
    case .valueNote(let account, let index): try amendEntry(\.valueNotes, account, index, changes, amendment)
    case .qbr(let account, let index): try amendEntry(\.qbrs, account, index, changes, amendment)
    case .task(let id):
      guard let task = tasks[id] else { throw .unknownEntry(seq) }
      tasks[id] = try amended(task, changes, amendment)
    case .ticketClosing(let account, let index):
      let day = try Fields(data: changes).day("date")
      accounts.modify(at: account) { account in
        account.tickets[index].closing?.day = day
        account.tickets[index].closing?.meta.amendments.append(amendment)
      }
    case .criterionMeeting(let account, let index):
      let day = try Fields(data: changes).day("date")
      accounts.modify(at: account) { account in
        account.criteria[index].meeting?.day = day
        account.criteria[index].meeting?.meta.amendments.append(amendment)
      }
    case .taskCompletion(let id):
      let day = try Fields(data: changes).day("date")
      tasks[id]?.completion?.day = day
      tasks[id]?.completion?.meta.amendments.append(amendment)
    case .fixed(let type): throw .notCorrectable(seq: seq, type: type, hint: hint(for: type))
    }
  }

  private mutating func amendEntry<Entry: AmendableEntry, List: EntryList<Entry>>(
    _ list: WritableKeyPath<Account, List>, _ position: Int, _ index: Int, _ changes: JSONObject, _ amendment: Int
  ) throws(DomainError) {
    let replacement = try amended(accounts[position: position][keyPath: list][index], changes, amendment)
    accounts.modify(at: position) { account in account[keyPath: list][index] = replacement }
  }

  private func amended<Entry: AmendableEntry>(_ entry: Entry, _ changes: JSONObject, _ amendment: Int)
    throws(DomainError) -> Entry
  {
    var meta = entry.meta
    meta.amendments.append(amendment)
    var replacement = try Entry(meta: meta, data: entry.data.merging(changes))
    replacement.meta = meta
    replacement.keepState(of: entry)
    return replacement
  }

  mutating func retract(_ event: Event.EntryRetracted, seq retractionSeq: Int, by user: String) throws(DomainError) {
    let seq = event.target
    let target = try correctionTarget(seq)
    guard !target.isRetracted else { throw .alreadyRetracted(seq) }
    let retraction = Retraction(seq: retractionSeq, reason: event.reason, by: user)
    guard let ref = entry(seq) else { throw .unknownEntry(seq) }
    switch ref {
    case .contact(let account, let index):
      accounts.modify(at: account) { $0.contacts[index].meta.retraction = retraction }
    case .touchpoint(let account, let index):
      accounts.modify(at: account) {
        $0.touchpoints[index].meta.retraction = retraction
        $0.touchFacts[index].isRetracted = true
      }
    case .nps(let account, let index):
      accounts.modify(at: account) { $0.npsResponses[index].meta.retraction = retraction }
    case .usage(let account, let index): accounts.modify(at: account) { $0.usage[index].meta.retraction = retraction }
    case .ticket(let account, let index):
      accounts.modify(at: account) { $0.tickets[index].meta.retraction = retraction }
    case .criterion(let account, let index):
      accounts.modify(at: account) { $0.criteria[index].meta.retraction = retraction }
    case .valueNote(let account, let index):
      accounts.modify(at: account) { $0.valueNotes[index].meta.retraction = retraction }
    case .qbr(let account, let index): accounts.modify(at: account) { $0.qbrs[index].meta.retraction = retraction }
    case .task(let id): tasks[id]?.meta.retraction = retraction
    case .ticketClosing(let account, let index):
      accounts.modify(at: account) { $0.tickets[index].closing?.meta.retraction = retraction }
    case .criterionMeeting(let account, let index):
      accounts.modify(at: account) { $0.criteria[index].meeting?.meta.retraction = retraction }
    case .taskCompletion(let id): tasks[id]?.completion?.meta.retraction = retraction
    case .fixed(let type): throw .notCorrectable(seq: seq, type: type, hint: hint(for: type))
    }
  }
}

extension Book {
  /// The account an entry belongs to, so a correction record names it too.
  func correctionAccount(_ seq: Int) throws(DomainError) -> String? {
    guard let ref = entry(seq) else { throw .unknownEntry(seq) }
    switch ref {
    case .contact(let account, _), .touchpoint(let account, _), .nps(let account, _), .usage(let account, _),
      .ticket(let account, _), .ticketClosing(let account, _), .criterion(let account, _),
      .criterionMeeting(let account, _),
      .valueNote(let account, _), .qbr(let account, _):
      return accounts[position: account].slug
    case .task(let id), .taskCompletion(let id): return tasks[id]?.account
    case .fixed: return nil
    }
  }
}
