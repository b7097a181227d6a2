import RapportJournal

extension Book {
  /// The last void of an account with id `slug`, with the voided account as it stood; nil when no
  /// account with that id was ever voided.
  public func voided(_ slug: String) -> (void: AccountVoid, account: Account)? {
    guard let void = voids.last(where: { $0.slug == slug }) else { return nil }
    return (void, accounts[position: void.position])
  }

  /// Why nothing can be recorded on `slug`: it was voided (and not added again), or it never existed.
  func missingAccount(_ slug: String) -> DomainError {
    guard let void = voids.last(where: { $0.slug == slug }) else { return .unknownAccount(slug) }
    return .accountVoided(slug: slug, seq: void.meta.seq, by: void.meta.recordedBy, day: void.day, reason: void.reason)
  }

  /// Whether task `task` belongs to the account now holding its account id: a task of a voided account
  /// has an id (its record's sequence number) below the creation of the account that took the id again.
  func isLive(_ task: TaskItem) -> Bool {
    guard let position = accounts.position(of: task.account) else { return false }
    return accounts[position: position].created.seq < task.id
  }

  /// Why `user` may not void `account`; nil when they may (see `Members.refusal(toVoid:createdBy:writers:by:)`).
  func voidRefusal(of account: Account, by user: String) -> DomainError? {
    members.refusal(
      toVoid: account.slug, createdBy: account.created.recordedBy, writers: writers(of: account), by: user)
  }

  /// Everyone who wrote an entry of `account` or corrected one: who has worked on it.
  func writers(of account: Account) -> Set<String> {
    var numbers: Set<UInt32> = []
    var names: Set<String> = []
    func add(_ meta: EntryMeta?) {
      guard let meta else { return }
      numbers.insert(meta.userNumber)
      if let retraction = meta.retraction { names.insert(retraction.by) }
    }
    add(account.created)
    for item in account.contacts { add(item.meta) }
    for item in account.touchpoints { add(item.meta) }
    for item in account.npsResponses { add(item.meta) }
    for item in account.usage { add(item.meta) }
    for ticket in account.tickets {
      add(ticket.meta)
      add(ticket.closing?.meta)
    }
    for criterion in account.criteria {
      add(criterion.meta)
      add(criterion.meeting?.meta)
    }
    for item in account.valueNotes { add(item.meta) }
    for item in account.qbrs { add(item.meta) }
    for item in account.ownerChanges { add(item.meta) }
    for item in account.stageChanges { add(item.meta) }
    for item in account.renewals { add(item.meta) }
    for id in account.taskIDs {
      add(tasks[id]?.meta)
      add(tasks[id]?.completion?.meta)
    }
    return names.union(numbers.map(UserNames.name(of:)))
  }

  /// Folds an `account.voided` record: the account leaves the index and every list. On a journal with
  /// members, a void its writer was not allowed to make is kept as a violation and not applied.
  mutating func voidAccount(_ voided: Event.AccountVoided, _ record: Record, meta: EntryMeta, on day: Day)
    throws(DomainError)
  {
    guard let slug = record.account else { throw .missingValue(field: "account") }
    guard let position = accounts.position(of: slug) else { throw missingAccount(slug) }
    if members.isEnforced, let refusal = voidRefusal(of: accounts[position: position], by: record.recordedBy) {
      // Kept once: the members' general check may have named this record already (a viewer's).
      if cutoff == nil, identityViolations.last?.seq != record.seq {
        identityViolations.append(
          IdentityViolation(seq: record.seq, offset: record.offset, type: record.type, message: refusal.description))
      }
      return
    }
    accounts.void(at: position)
    voids.append(AccountVoid(meta: meta, slug: slug, position: position, reason: voided.reason, day: day))
  }
}
