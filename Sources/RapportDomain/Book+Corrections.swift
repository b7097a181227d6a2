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
    guard let ref = entries[seq] else { throw .unknownEntry(seq) }
    switch ref {
    case .contact(let slug, let index): return target(EventType.contactAdded, accounts[slug]?.contacts[index])
    case .touchpoint(let slug, let index): return target(.touchpointLogged, accounts[slug]?.touchpoints[index])
    case .nps(let slug, let index): return target(.npsRecorded, accounts[slug]?.npsResponses[index])
    case .usage(let slug, let index): return target(.usageRecorded, accounts[slug]?.usage[index])
    case .ticket(let slug, let index): return target(.ticketOpened, accounts[slug]?.tickets[index])
    case .criterion(let slug, let index): return target(.criterionAdded, accounts[slug]?.criteria[index])
    case .valueNote(let slug, let index): return target(.valueNoted, accounts[slug]?.valueNotes[index])
    case .qbr(let slug, let index): return target(.qbrScheduled, accounts[slug]?.qbrs[index])
    case .task(let id): return target(.taskCreated, tasks[id])
    case .ticketClosing(let slug, let index):
      let meta = accounts[slug]?.tickets[index].closing?.meta
      return CorrectionTarget(type: EventType.ticketClosed.rawValue, amendableFields: ["date"], isRetracted: meta?.isRetracted ?? false)
    case .criterionMeeting(let slug, let index):
      let meta = accounts[slug]?.criteria[index].meeting?.meta
      return CorrectionTarget(type: EventType.criterionMet.rawValue, amendableFields: ["date"], isRetracted: meta?.isRetracted ?? false)
    case .taskCompletion(let id):
      let meta = tasks[id]?.completion?.meta
      return CorrectionTarget(type: EventType.taskCompleted.rawValue, amendableFields: ["date"], isRetracted: meta?.isRetracted ?? false)
    case .fixed(let type):
      throw .notCorrectable(seq: seq, type: type, hint: hint(for: type))
    }
  }

  private func target<Entry: AmendableEntry>(_ type: EventType, _ entry: Entry?) -> CorrectionTarget {
    CorrectionTarget(type: type.rawValue, amendableFields: Entry.amendableFields, isRetracted: entry?.meta.isRetracted ?? false)
  }

  private func hint(for type: String) -> String {
    switch EventType(rawValue: type) {
    case .accountCreated, .accountUpdated: return "change the account with `rapport account set`"
    case .ownerAssigned, .handoff: return "assign the right owner with `rapport owner` or `rapport handoff`"
    case .stageChanged: return "set the right stage with `rapport stage`"
    case .entryAmended, .entryRetracted: return "correct the original entry instead"
    default: return "it is not a correctable entry"
    }
  }

  mutating func amend(_ record: Record) throws(DomainError) {
    let fields = Fields(data: record.data)
    let seq = try fields.int("target")
    guard let changes = record.data["changes"]?.objectValue, !changes.isEmpty else { throw .nothingToChange }
    let target = try correctionTarget(seq)
    for key in changes.keys where !target.amendableFields.contains(key) {
      throw .fieldNotAmendable(field: key, type: target.type, allowed: target.amendableFields)
    }
    guard let ref = entries[seq] else { throw .unknownEntry(seq) }
    let amendment = record.seq
    switch ref {
    case .contact(let slug, let index): try amendEntry(\.contacts, slug, index, changes, amendment)
    case .touchpoint(let slug, let index): try amendEntry(\.touchpoints, slug, index, changes, amendment)
    case .nps(let slug, let index): try amendEntry(\.npsResponses, slug, index, changes, amendment)
    case .usage(let slug, let index): try amendEntry(\.usage, slug, index, changes, amendment)
    case .ticket(let slug, let index): try amendEntry(\.tickets, slug, index, changes, amendment)
    case .criterion(let slug, let index): try amendEntry(\.criteria, slug, index, changes, amendment)
    case .valueNote(let slug, let index): try amendEntry(\.valueNotes, slug, index, changes, amendment)
    case .qbr(let slug, let index): try amendEntry(\.qbrs, slug, index, changes, amendment)
    case .task(let id):
      guard let task = tasks[id] else { throw .unknownEntry(seq) }
      tasks[id] = try amended(task, changes, amendment)
    case .ticketClosing(let slug, let index):
      let day = try Fields(data: changes).day("date")
      accounts[slug]?.tickets[index].closing?.day = day
      accounts[slug]?.tickets[index].closing?.meta.amendments.append(amendment)
    case .criterionMeeting(let slug, let index):
      let day = try Fields(data: changes).day("date")
      accounts[slug]?.criteria[index].meeting?.day = day
      accounts[slug]?.criteria[index].meeting?.meta.amendments.append(amendment)
    case .taskCompletion(let id):
      let day = try Fields(data: changes).day("date")
      tasks[id]?.completion?.day = day
      tasks[id]?.completion?.meta.amendments.append(amendment)
    case .fixed(let type): throw .notCorrectable(seq: seq, type: type, hint: hint(for: type))
    }
  }

  private mutating func amendEntry<Entry: AmendableEntry>(
    _ list: WritableKeyPath<Account, [Entry]>, _ slug: String, _ index: Int, _ changes: JSONObject, _ amendment: Int
  ) throws(DomainError) {
    guard var account = accounts[slug] else { throw .unknownAccount(slug) }
    account[keyPath: list][index] = try amended(account[keyPath: list][index], changes, amendment)
    accounts[slug] = account
  }

  private func amended<Entry: AmendableEntry>(_ entry: Entry, _ changes: JSONObject, _ amendment: Int) throws(DomainError) -> Entry {
    var meta = entry.meta
    meta.amendments.append(amendment)
    var replacement = try Entry(meta: meta, data: entry.data.merging(changes))
    replacement.meta = meta
    return replacement
  }

  mutating func retract(_ record: Record) throws(DomainError) {
    let fields = Fields(data: record.data)
    let seq = try fields.int("target")
    let target = try correctionTarget(seq)
    guard !target.isRetracted else { throw .alreadyRetracted(seq) }
    let retraction = Retraction(seq: record.seq, reason: fields.optionalString("reason"), by: record.recordedBy)
    guard let ref = entries[seq] else { throw .unknownEntry(seq) }
    switch ref {
    case .contact(let slug, let index): accounts[slug]?.contacts[index].meta.retraction = retraction
    case .touchpoint(let slug, let index): accounts[slug]?.touchpoints[index].meta.retraction = retraction
    case .nps(let slug, let index): accounts[slug]?.npsResponses[index].meta.retraction = retraction
    case .usage(let slug, let index): accounts[slug]?.usage[index].meta.retraction = retraction
    case .ticket(let slug, let index): accounts[slug]?.tickets[index].meta.retraction = retraction
    case .criterion(let slug, let index): accounts[slug]?.criteria[index].meta.retraction = retraction
    case .valueNote(let slug, let index): accounts[slug]?.valueNotes[index].meta.retraction = retraction
    case .qbr(let slug, let index): accounts[slug]?.qbrs[index].meta.retraction = retraction
    case .task(let id): tasks[id]?.meta.retraction = retraction
    case .ticketClosing(let slug, let index): accounts[slug]?.tickets[index].closing?.meta.retraction = retraction
    case .criterionMeeting(let slug, let index): accounts[slug]?.criteria[index].meeting?.meta.retraction = retraction
    case .taskCompletion(let id): tasks[id]?.completion?.meta.retraction = retraction
    case .fixed(let type): throw .notCorrectable(seq: seq, type: type, hint: hint(for: type))
    }
  }
}

extension Book {
  /// The account an entry belongs to, so a correction record names it too.
  func correctionAccount(_ seq: Int) throws(DomainError) -> String? {
    guard let ref = entries[seq] else { throw .unknownEntry(seq) }
    switch ref {
    case .contact(let slug, _), .touchpoint(let slug, _), .nps(let slug, _), .usage(let slug, _), .ticket(let slug, _),
      .ticketClosing(let slug, _), .criterion(let slug, _), .criterionMeeting(let slug, _), .valueNote(let slug, _),
      .qbr(let slug, _):
      return slug
    case .task(let id), .taskCompletion(let id): return tasks[id]?.account
    case .fixed: return nil
    }
  }
}
