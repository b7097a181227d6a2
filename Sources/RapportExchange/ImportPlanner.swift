import RapportDomain

/// Turns rows into commands, one kind at a time; collects problems by line and column; leaves rows that
/// are already in the journal (or earlier in the same file) alone.
struct ImportPlanner {
  let file: ImportFile
  let book: Book
  private(set) var plan: ImportPlan
  let accounts: AccountIndex
  let decimalComma: Bool

  init(file: ImportFile, book: Book) {
    self.file = file
    self.book = book
    plan = ImportPlan(file: file)
    accounts = AccountIndex(book)
    decimalComma = file.document.separator == UInt8(ascii: ";")
  }

  mutating func run() {
    let records = file.document.records
    let width = records.first?.fields.count ?? 0
    var rows = RowKeys()
    for index in records.indices.dropFirst() {
      var row = RowReader(record: records[index], mapping: file.mapping, file: file.name)
      if row.record.fields.count != width {
        let column = min(row.record.fields.count, width) + 1
        row.problem(
          at: column - 1,
          "this row has \(row.record.fields.count) fields, the header has \(width) (a missing separator, or an unquoted \(Character(UnicodeScalar(file.document.separator))) in a value?)"
        )
        finish(row, index: index, outcome: .refused)
        continue
      }
      let outcome: Outcome
      switch file.kind {
      case .accounts: outcome = accountRow(&row, keys: &rows)
      case .contacts: outcome = contactRow(&row, keys: &rows)
      case .usage: outcome = usageRow(&row, keys: &rows)
      case .tickets: outcome = ticketRow(&row, keys: &rows)
      case .nps: outcome = npsRow(&row, keys: &rows)
      }
      finish(row, index: index, outcome: row.problems.isEmpty ? outcome : .refused)
    }
  }

  /// What a row comes to.
  enum Outcome {
    case add([Command])
    case update([Command])
    case unchanged(PlannedRows.Note)
    case skipped(String)
    case refused
  }

  private mutating func finish(_ row: RowReader, index: Int, outcome: Outcome) {
    plan.problems += row.problems
    let rowIndex = plan.table.count
    let start = plan.plannedCommands.count
    var action: ImportPlan.Row.Action
    var note: PlannedRows.Note?
    switch outcome {
    case .add(let commands), .update(let commands):
      action = if case .add = outcome { .add } else { .update }
      plan.plannedCommands.append(contentsOf: commands)
      for _ in commands { plan.rowOfCommand.append(UInt32(rowIndex)) }
    case .unchanged(let why):
      action = .unchanged
      note = why
    case .skipped(let why): action = .skipped(why)
    case .refused: action = .refused
    }
    plan.table.append(
      line: row.record.line, record: index, action: action, commands: start..<plan.plannedCommands.count, note: note)
  }

  // MARK: Shared cells

  /// The account a row names: its id, or its name (any case) when exactly one account has it.
  func account(_ row: inout RowReader, field: ImportField = .account) -> String? {
    guard let cell = row.cell(field) else { return nil }
    guard !cell.text.isEmpty else {
      row.problem(at: cell.column, "no account on this row (\(row.header(of: cell.column)) is empty)")
      return nil
    }
    switch accounts.resolve(cell.text) {
    case .found(let slug): return slug
    case .unknown:
      row.problem(at: cell.column, "unknown account '\(cell.text)': no account has this id or name")
    case .ambiguous(let slugs):
      row.problem(
        at: cell.column,
        "'\(cell.text)' names \(slugs.count) accounts (\(slugs.joined(separator: ", "))): use the account id")
    }
    return nil
  }

  func day(_ row: inout RowReader, _ field: ImportField, required: Bool) -> Day? {
    guard let cell = row.cell(field), !cell.text.isEmpty else {
      if required, let column = row.column(of: field) {
        row.problem(at: column, "missing \(field.name) date (\(row.header(of: column)) is empty)")
      }
      return nil
    }
    guard let day = ImportValues.day(cell.text) else {
      row.problem(at: cell.column, "'\(cell.text)' is not a date: expected \(ImportValues.dateForms)")
      return nil
    }
    return day
  }

  func text(_ row: RowReader, _ field: ImportField) -> String? {
    guard let cell = row.cell(field), !cell.text.isEmpty else { return nil }
    return cell.text
  }

  func user(_ row: inout RowReader, _ field: ImportField) -> String? {
    guard let cell = row.cell(field), !cell.text.isEmpty else { return nil }
    guard let user = ImportValues.user(cell.text) else {
      row.problem(
        at: cell.column,
        "'\(cell.text)' cannot be made a user name (1–64 letters, digits, '.', '_', '-' or '@')")
      return nil
    }
    return user
  }

  // MARK: Usage

  mutating func usageRow(_ row: inout RowReader, keys: inout RowKeys) -> Outcome {
    let slug = account(&row)
    let date = day(&row, .date, required: true)
    var value: Double?
    if let cell = row.cell(.value) {
      if let number = ImportValues.number(cell.text, decimalComma: decimalComma), number >= 0 {
        value = number
      } else {
        row.problem(at: cell.column, "'\(cell.text)' is not a usage value: expected a number from 0 to 10^15")
      }
    }
    guard let slug, let date, let value else { return .refused }
    if keys.usage == nil { keys.usage = existingUsage() }
    if let earlier = keys.usage?.insert(slug: slug, day: date.number, value: value, line: row.record.line) {
      return .unchanged(earlier == 0 ? .inJournal : .sameAs(line: earlier))
    }
    return .add([.recordUsage(slug: slug, value: value, date: date)])
  }

  private func existingUsage() -> UsageKeys {
    var keys = UsageKeys()
    for account in book.allAccounts {
      for sample in account.usage where !sample.meta.isRetracted {
        _ = keys.insert(slug: account.slug, day: sample.date.number, value: sample.value, line: 0)
      }
    }
    return keys
  }

  // MARK: NPS

  mutating func npsRow(_ row: inout RowReader, keys: inout RowKeys) -> Outcome {
    let email = text(row, .email)
    var slug: String?
    var contact = text(row, .contact)
    if let cell = row.cell(.account), !cell.text.isEmpty {
      slug = account(&row)
      if contact == nil, let slug, let email {
        contact = book.accounts[slug]?.contacts.first { $0.email?.lowercased() == email.lowercased() }?.name ?? email
      }
    } else if let email, let emailColumn = row.column(of: .email) {
      let matches = accounts.contacts(withEmail: email)
      switch matches.count {
      case 1:
        slug = matches[0].slug
        contact = contact ?? matches[0].name
      case 0:
        row.problem(
          at: emailColumn,
          "'\(email)' is not the email of any account's contact: add an account column, or the contact first")
      default:
        row.problem(
          at: emailColumn,
          "'\(email)' is a contact of several accounts (\(matches.map(\.slug).joined(separator: ", "))): add an account column"
        )
      }
    } else {
      let column = row.column(of: .account) ?? row.column(of: .email) ?? 0
      row.problem(at: column, "no account and no email on this row: cannot tell whose answer it is")
    }
    var score: Int?
    if let cell = row.cell(.score) {
      if let number = ImportValues.number(cell.text, decimalComma: decimalComma), number.rounded() == number,
        (0...10).contains(number)
      {
        score = Int(number)
      } else {
        row.problem(at: cell.column, "'\(cell.text)' is not an NPS score: expected a whole number from 0 to 10")
      }
    }
    let date = day(&row, .date, required: true)
    guard let slug, let score, let date else { return .refused }
    let key = NPSKey(slug: slug, contact: (contact ?? "").lowercased(), day: date.number, score: score)
    if keys.npsInJournal == nil {
      var existing = Set<NPSKey>()
      for account in book.allAccounts {
        for answer in account.npsResponses where !answer.meta.isRetracted {
          existing.insert(
            NPSKey(
              slug: account.slug, contact: (answer.contact ?? "").lowercased(), day: answer.date.number,
              score: answer.score))
        }
      }
      keys.npsInJournal = existing
    }
    if keys.npsInJournal?.contains(key) == true { return .unchanged(.inJournal) }
    if let line = keys.npsInFile[key] { return .unchanged(.sameAs(line: line)) }
    keys.npsInFile[key] = row.record.line
    return .add([.recordNPS(slug: slug, score: score, contact: contact, comment: text(row, .comment), date: date)])
  }

  // MARK: Contacts

  mutating func contactRow(_ row: inout RowReader, keys: inout RowKeys) -> Outcome {
    let slug = account(&row)
    var name = text(row, .name)
    if name == nil {
      let parts = [text(row, .firstName), text(row, .lastName)].compactMap { $0 }
      if !parts.isEmpty { name = parts.joined(separator: " ") }
    }
    let email = text(row, .email)
    if let email, let column = row.column(of: .email), !email.contains("@") || email.contains(" ") {
      row.problem(at: column, "'\(email)' is not an email address (expected name@example.com)")
    }
    if name == nil {
      let column = row.column(of: .name) ?? row.column(of: .firstName) ?? row.column(of: .email) ?? 0
      row.problem(at: column, "missing contact name")
    }
    var sponsor = false
    if let cell = row.cell(.sponsor) {
      if let flag = ImportValues.flag(cell.text) {
        sponsor = flag
      } else {
        row.problem(at: cell.column, "'\(cell.text)' is not yes or no (also: true/false, 1/0, x)")
      }
    }
    guard let slug, let name, row.problems.isEmpty else { return .refused }
    let key = email.map { "\(slug)\u{0}e\u{0}\($0.lowercased())" } ?? "\(slug)\u{0}n\u{0}\(name.lowercased())"
    if keys.contactsInJournal == nil {
      var existing = Set<String>()
      for account in book.allAccounts {
        for contact in account.contacts where !contact.meta.isRetracted {
          if let email = contact.email { existing.insert("\(account.slug)\u{0}e\u{0}\(email.lowercased())") }
          existing.insert("\(account.slug)\u{0}n\u{0}\(contact.name.lowercased())")
        }
      }
      keys.contactsInJournal = existing
    }
    if keys.contactsInJournal?.contains(key) == true { return .unchanged(.other("already a contact of \(slug)")) }
    if let line = keys.contactsInFile[key] { return .unchanged(.sameAs(line: line)) }
    keys.contactsInFile[key] = row.record.line
    return .add([.addContact(slug: slug, name: name, role: text(row, .role), email: email, isSponsor: sponsor)])
  }
}
