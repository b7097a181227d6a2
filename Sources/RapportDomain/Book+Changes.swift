import RapportJournal

extension Book {
  /// The accounts `record` changed once it is folded in, by slug, so that a viewer re-assesses only
  /// those; nil when it may change every account's rules (a configuration change).
  ///
  /// Call it after `apply(record)`: a correction is placed through the entry it names, a task completion
  /// through its task. A record the fold refused changed nothing, but naming its account is harmless.
  public func accountsTouched(by record: Record) -> [String]? {
    if record.type == EventType.journalCreated.rawValue { return [] }
    var touched = record.account.map { [$0] } ?? []
    // A record the fold refused may not decode either: its own account is all it names.
    switch try? Event(type: record.type, data: record.data) {
    case .configSet: return nil
    case .taskCompleted(let completed):
      if let slug = tasks[completed.task]?.account { touched.append(slug) }
    case .entryAmended(let amendment):
      if let slug = account(ofEntry: amendment.target) { touched.append(slug) }
    case .entryRetracted(let retraction):
      if let slug = account(ofEntry: retraction.target) { touched.append(slug) }
    default: break
    }
    return touched
  }

  /// The slug of the account holding the entry created by record `seq`, if the book knows it.
  func account(ofEntry seq: Int) -> String? {
    switch entry(seq) {
    case .contact(let position, _), .touchpoint(let position, _), .nps(let position, _), .usage(let position, _),
      .ticket(let position, _), .ticketClosing(let position, _), .criterion(let position, _),
      .criterionMeeting(let position, _), .valueNote(let position, _), .qbr(let position, _):
      return position < accounts.storedCount ? accounts[position: position].slug : nil
    case .task(let id), .taskCompletion(let id): return tasks[id]?.account
    case .fixed, nil: return nil
    }
  }
}
