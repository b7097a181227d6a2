import RapportDomain

extension ImportPlanner {
  // MARK: Accounts

  /// A row of accounts: matched to an existing account by its id (the `account` column) or, without
  /// one, by its name (any case; the second row of a name to the second account of that name, and so
  /// on). An existing account is updated with the values that differ (empty cells leave a value alone);
  /// one whose values all match is unchanged. A new one gets the id from the `account` column, or one
  /// made from its name.
  mutating func accountRow(_ row: inout RowReader, keys: inout RowKeys) -> Outcome {
    var stage: Stage?
    if let cell = row.cell(.stage), !cell.text.isEmpty {
      switch ImportValues.stage(cell.text) {
      case .stage(let found)?: stage = found
      case .notAClient(let what)?: return .skipped("\(row.header(of: cell.column)) is '\(what)', not a client")
      case nil:
        row.problem(
          at: cell.column,
          "'\(cell.text)' is not a stage: expected \(Stage.choices), or a HubSpot lifecycle stage or Salesforce account type"
        )
      }
    }
    var tier: Int?
    if let cell = row.cell(.tier), !cell.text.isEmpty {
      tier = ImportValues.tier(cell.text)
      if tier == nil { row.problem(at: cell.column, "'\(cell.text)' is not a tier: expected 1, 2 or 3") }
    }
    let name = text(row, .name)
    let owner = user(&row, .owner)
    let manager = user(&row, .manager)
    let signed = day(&row, .signed, required: false)
    let renewal = day(&row, .renewal, required: false)
    var value: Money?
    if let cell = row.cell(.value), !cell.text.isEmpty {
      value = ImportValues.money(cell.text, decimalComma: decimalComma)
      if value == nil {
        row.problem(at: cell.column, "'\(cell.text)' is not an amount (e.g. 120000, 120,000.00, 120k)")
      }
    }

    // Which account the row is.
    var slug: String
    var existing: Account?
    if let cell = row.cell(.account), !cell.text.isEmpty {
      guard ImportValues.isSlug(cell.text) else {
        row.problem(
          at: cell.column,
          "'\(cell.text)' is not an account id: 1–40 lowercase letters, digits and hyphens, starting with a letter or digit"
        )
        return .refused
      }
      slug = cell.text
      existing = book.accounts[slug]
    } else if let name {
      let key = name.lowercased()
      let occurrence = keys.nameOccurrences[key, default: 0]
      keys.nameOccurrences[key] = occurrence + 1
      let named = accounts.accounts(named: name)
      if occurrence < named.count {
        slug = named[occurrence]
        existing = book.accounts[slug]
      } else {
        slug = freshSlug(from: name, keys: keys)
      }
    } else {
      let column = row.column(of: .name) ?? row.column(of: .account) ?? 0
      row.problem(at: column, "missing name: a new account needs a name (or an account id)")
      return .refused
    }
    if let line = keys.accountsInFile[slug] {
      let column = row.column(of: .account) ?? row.column(of: .name) ?? 0
      row.problem(at: column, "account '\(slug)' is already on line \(line)")
      return .refused
    }
    keys.accountsInFile[slug] = row.record.line
    guard row.problems.isEmpty else { return .refused }

    guard let existing else {
      let profile = AccountProfile(
        name: name ?? slug, tier: tier ?? file.options.defaultTier, stage: stage, owner: owner, manager: manager,
        signed: signed, renewal: renewal, value: value)
      return .add([.addAccount(slug: slug, profile: profile)])
    }
    var changes = AccountProfile()
    if let name, name != existing.name { changes.name = name }
    if let tier, tier != existing.tier { changes.tier = tier }
    if let stage, stage != existing.stage { changes.stage = stage }
    if let owner, owner != existing.owner { changes.owner = owner }
    if let manager, manager != existing.manager { changes.manager = manager }
    if let signed, signed != existing.signed { changes.signed = signed }
    if let renewal, renewal != existing.renewal { changes.renewal = renewal }
    if let value, value != existing.value { changes.value = value }
    guard changes != AccountProfile() else { return .unchanged(.other("account \(slug) already holds these values")) }
    return .update([.updateAccount(slug: slug, profile: changes)])
  }

  /// An id made from `name` that no account and no earlier row has: `acme`, else `acme-2`, `acme-3`...
  private func freshSlug(from name: String, keys: RowKeys) -> String {
    let base = ImportValues.slug(fromName: name)
    func taken(_ slug: String) -> Bool { book.accounts[slug] != nil || keys.accountsInFile[slug] != nil }
    guard taken(base) else { return base }
    var number = 2
    while true {
      let suffix = "-\(number)"
      let candidate = String(base.prefix(40 - suffix.count)) + suffix
      if !taken(candidate) { return candidate }
      number += 1
    }
  }

  // MARK: Tickets

  /// A ticket row: opened (and closed, when its status or closing date says so) under its account. A
  /// ticket already in the journal is left alone, except that an open one is closed when the row says it
  /// was solved; a solved ticket is never reopened by an older export.
  mutating func ticketRow(_ row: inout RowReader, keys: inout RowKeys) -> Outcome {
    let ticketID = text(row, .ticket)
    if ticketID == nil, let column = row.column(of: .ticket) { row.problem(at: column, "missing ticket id") }
    let slug = account(&row)
    var severity = Severity.normal
    if let cell = row.cell(.severity), !cell.text.isEmpty {
      switch cell.text.lowercased() {
      case "low", "minor", "p4", "4": severity = .low
      case "normal", "medium", "moderate", "p3", "3": severity = .normal
      case "high", "major", "p2", "2": severity = .high
      case "urgent", "critical", "blocker", "p1", "1": severity = .urgent
      default:
        row.problem(at: cell.column, "'\(cell.text)' is not a priority: expected low, normal, high or urgent")
      }
    }
    let opened = day(&row, .opened, required: true)
    let closedDay = day(&row, .closed, required: false)
    var isClosed = closedDay != nil
    if let cell = row.cell(.status), !cell.text.isEmpty {
      switch HeaderMapping.normalised(cell.text) {
      case "solved", "closed", "resolved", "done", "completed": isClosed = true
      case "new", "open", "pending", "hold", "onhold", "inprogress", "waiting", "reopened": isClosed = false
      default:
        row.problem(
          at: cell.column, "'\(cell.text)' is not a ticket status: expected new, open, pending, hold, solved or closed")
      }
      if isClosed, closedDay == nil {
        row.problem(
          at: row.column(of: .closed) ?? cell.column,
          "the ticket is \(cell.text.lowercased()) but has no closing date"
            + (row.column(of: .closed) == nil ? " (no Solved at column)" : ""))
      }
    }
    if let opened, let closedDay, isClosed, closedDay < opened, let column = row.column(of: .closed) {
      row.problem(at: column, "closed \(closedDay), before it was opened (\(opened))")
    }
    guard let ticketID, let slug, let opened, row.problems.isEmpty else { return .refused }
    let key = slug + "\u{0}" + ticketID
    if let line = keys.ticketsInFile[key] {
      row.problem(at: row.column(of: .ticket) ?? 0, "ticket \(ticketID) of \(slug) is already on line \(line)")
      return .refused
    }
    keys.ticketsInFile[key] = row.record.line
    let closing = isClosed ? closedDay : nil
    if let known = book.accounts[slug]?.tickets.last(where: { $0.ticket == ticketID && !$0.meta.isRetracted }) {
      if known.isOpen, let closing {
        return .update([.closeTicket(slug: slug, ticket: ticketID, date: closing)])
      }
      return .unchanged(.other("ticket \(ticketID) is already in the journal"))
    }
    var commands: [Command] = [.openTicket(slug: slug, ticket: ticketID, severity: severity, date: opened)]
    if let closing { commands.append(.closeTicket(slug: slug, ticket: ticketID, date: closing)) }
    return .add(commands)
  }
}
