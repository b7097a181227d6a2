extension Book {
  /// The account's history, newest first. Usage samples are left out (they are measurements, shown as
  /// a trend instead); retracted entries only when asked for.
  ///
  /// For an id whose account was voided (and not added again), the voided account's history, the void
  /// on top: it is in no list, but what was recorded and its undoing stay readable.
  public func timeline(of slug: String, includingRetracted: Bool = false) throws(DomainError) -> [TimelineEntry] {
    if accounts[slug] == nil, let (void, account) = voided(slug) {
      let entry = TimelineEntry(
        seq: void.meta.seq, day: void.day, kind: "void", title: "account voided: \(void.reason)",
        detail: "in no list or metric any more; the id is free for a new account", by: void.meta.recordedBy,
        retraction: nil, isAmended: false)
      return [entry] + timeline(of: account, includingRetracted: includingRetracted)
    }
    return timeline(of: try account(slug), includingRetracted: includingRetracted)
  }

  private func timeline(of account: Account, includingRetracted: Bool) -> [TimelineEntry] {
    let slug = account.slug
    var items: [TimelineEntry] = []
    func add(_ meta: EntryMeta, _ day: Day, _ kind: String, _ title: String, _ detail: String? = nil) {
      items.append(
        TimelineEntry(
          seq: meta.seq, day: day, kind: kind, title: title, detail: detail, by: meta.recordedBy,
          retraction: meta.retraction, isAmended: meta.isAmended))
    }
    add(account.created, account.createdDay, "account", "account created: tier \(account.tier)")
    for change in account.ownerChanges {
      let title = "\(change.isHandoff ? "handoff" : "owner") \(change.from ?? "nobody") → \(change.to ?? "nobody")"
      add(change.meta, change.day, change.isHandoff ? "handoff" : "owner", title, change.note)
    }
    for change in account.stageChanges {
      add(
        change.meta, change.day, "stage", "stage \(change.from?.rawValue ?? "–") → \(change.to.rawValue)",
        change.reason)
    }
    for contact in account.contacts {
      let notes = [contact.role, contact.isSponsor ? "executive sponsor" : nil, contact.email].compactMap { $0 }
      add(
        contact.meta, contact.day, "contact", "contact \(contact.name)",
        notes.isEmpty ? nil : notes.joined(separator: ", "))
    }
    for touchpoint in account.touchpoints {
      var details: [String] = []
      if !touchpoint.participants.isEmpty { details.append("with " + touchpoint.participants.joined(separator: ", ")) }
      if let outcome = touchpoint.outcome { details.append("outcome: " + outcome) }
      if !touchpoint.isMeaningful { details.append("not a check-in") }
      add(
        touchpoint.meta, touchpoint.date, "touchpoint", "\(touchpoint.kind.label): \(touchpoint.summary)",
        details.isEmpty ? nil : details.joined(separator: "; "))
    }
    for response in account.npsResponses {
      add(
        response.meta, response.date, "nps", "NPS \(response.score)" + (response.contact.map { " from \($0)" } ?? ""),
        response.comment)
    }
    for ticket in account.tickets {
      add(ticket.meta, ticket.opened, "ticket-opened", "ticket \(ticket.ticket) opened (\(ticket.severity.rawValue))")
      if let closing = ticket.closing {
        add(closing.meta, closing.day, "ticket-closed", "ticket \(ticket.ticket) closed")
      }
    }
    for criterion in account.criteria {
      add(
        criterion.meta, criterion.added, "criterion-added",
        "criterion \(criterion.number) added: \(criterion.text)", criterion.target.map { "target \($0)" })
      if let meeting = criterion.meeting {
        add(meeting.meta, meeting.day, "criterion-met", "criterion \(criterion.number) met: \(criterion.text)")
      }
    }
    for renewal in account.renewals {
      let next = renewal.nextRenewal.map { "next renewal \($0)" }
      let value = renewal.value.map { "value \($0)" }
      add(
        renewal.meta, renewal.date, "renewal",
        "renewal \(renewal.result.rawValue)" + (renewal.renewal.map { " (due \($0))" } ?? ""),
        [next, value, renewal.reason].compactMap { $0 }.joined(separator: "; ").nonEmpty)
    }
    for note in account.valueNotes { add(note.meta, note.date, "value", "value delivered: \(note.text)") }
    for qbr in account.qbrs { add(qbr.meta, qbr.scheduledOn, "qbr", "QBR scheduled for \(qbr.date)") }
    for id in account.taskIDs {
      guard let task = tasks[id] else { continue }
      add(
        task.meta, task.created, "task", "task \(task.id): \(task.text)",
        "due \(task.due)" + (task.owner.map { ", owner \($0)" } ?? ""))
      if let completion = task.completion {
        add(completion.meta, completion.day, "task-done", "task \(task.id) done: \(task.text)")
      }
    }
    for event in unknownEvents where event.account == slug && event.meta.seq > account.created.seq {
      add(event.meta, event.day, "unknown", "\(event.type) (an event of a newer Rapport, kept as written)")
    }
    return items.filter { includingRetracted || !$0.isRetracted }.sorted { ($0.day, $0.seq) > ($1.day, $1.seq) }
  }
}
