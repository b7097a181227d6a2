import RapportJournal

// Folding a standup's progress: started, its agenda changed, each card reviewed, action items linked,
// then held. Open standups are kept until a `standup.held` names them, or a new one for the same
// owner (or the whole book) replaces them.

extension Book {
  /// The open standup `id` names (the id of its `standup.started` record).
  public func openStandup(id: String) -> OpenStandup? { openStandups.first { $0.id == id } }

  /// The open standup to resume: the one for `owner` (the whole book's when nil), else, for the whole
  /// book, the most recent one of any owner.
  public func openStandup(owner: String?) -> OpenStandup? {
    if let same = openStandups.last(where: { $0.owner == owner }) { return same }
    return owner == nil ? openStandups.last : nil
  }

  mutating func startStandup(_ started: Event.StandupStarted, meta: EntryMeta, id: String) throws(DomainError) {
    for slug in started.agenda where accounts[slug] == nil { throw .unknownAccount(slug) }
    openStandups.removeAll { $0.owner == started.owner }
    openStandups.append(OpenStandup(meta: meta, id: id, started))
  }

  mutating func changeStandupAgenda(_ change: Event.StandupAgendaChanged, seq: Int) throws(DomainError) {
    for slug in change.agenda where accounts[slug] == nil { throw .unknownAccount(slug) }
    try modifyOpenStandup(change.standup, seq: seq) { standup in
      standup.agenda = change.agenda
      standup.all = change.all
    }
  }

  mutating func reviewStandupCard(_ review: Event.StandupReviewed, seq: Int) throws(DomainError) {
    guard accounts[review.account] != nil else { throw .unknownAccount(review.account) }
    try modifyOpenStandup(review.standup, seq: seq) { standup in
      if let outcome = review.outcome { standup.record(outcome, for: review.account) }
      if let note = review.note { standup.notes[review.account] = note.isEmpty ? nil : note }
    }
  }

  /// A task added as the open standup's action item; a task naming a standup no longer open is still a
  /// task.
  mutating func linkStandupAction(task: Int, to id: String, seq: Int) {
    try? modifyOpenStandup(id, seq: seq) { $0.actions.append(task) }
  }

  mutating func holdStandup(_ held: consuming Event.StandupHeld, meta: EntryMeta) {
    if let started = held.started { openStandups.removeAll { $0.id == started } }
    standups.append(Standup(meta: meta, held))
  }

  private mutating func modifyOpenStandup(_ id: String, seq: Int, _ change: (inout OpenStandup) -> Void)
    throws(DomainError)
  {
    guard let index = openStandups.firstIndex(where: { $0.id == id }) else { throw .standupNotOpen }
    change(&openStandups[index])
    openStandups[index].lastChange = seq
  }
}
