import RapportDomain
import RapportJournal

/// The stable JSON shapes of accounts (field names documented in docs/cli.md).
enum AccountJSON {
  static func summary(_ account: Account, book: Book) -> JSONValue {
    let last = account.lastMeaningfulTouchpoint
    return .object(
      JSONObject([
        ("account", .string(account.slug)), ("name", .string(account.name)), ("tier", .number(Double(account.tier))),
        ("stage", .string(account.stage.rawValue)), ("owner", account.owner.json), ("manager", account.manager.json),
        ("signed", day(account.signed)), ("renewal", day(account.renewal)),
        ("value", account.value.map { .number($0.units) } ?? .null), ("last_touch", day(last?.date)),
        ("open_tasks", .number(Double(book.openTasks(of: account).count))),
      ]))
  }

  static func detail(_ account: Account, book: Book) -> JSONValue {
    guard case .object(var object) = summary(account, book: book) else { return .null }
    object["created"] = .string(account.createdDay.description)
    object["contacts"] = .array(
      account.contacts.filter { !$0.meta.isRetracted }.map { contact in
        .object(
          JSONObject([
            ("name", .string(contact.name)), ("role", contact.role.json), ("email", contact.email.json),
            ("sponsor", .bool(contact.isSponsor)),
          ]))
      })
    object["criteria"] = .array(
      account.criteria.filter { !$0.meta.isRetracted }.map { criterion in
        .object(
          JSONObject([
            ("number", .number(Double(criterion.number))), ("text", .string(criterion.text)),
            ("target", day(criterion.target)),
            ("met", day(criterion.isMet ? criterion.meeting?.day : nil)),
          ]))
      })
    object["open_tickets"] = .array(
      account.tickets.filter { $0.isOpen && !$0.meta.isRetracted }.map { ticket in
        .object(
          JSONObject([
            ("ticket", .string(ticket.ticket)), ("severity", .string(ticket.severity.rawValue)),
            ("opened", .string(ticket.opened.description)),
          ]))
      })
    object["tasks"] = .array(book.openTasks(of: account).map(task))
    if let nps = account.npsResponses.filter({ !$0.meta.isRetracted }).max(by: { $0.date < $1.date }) {
      object["last_nps"] = .object(
        JSONObject([
          ("score", .number(Double(nps.score))), ("date", .string(nps.date.description)), ("contact", nps.contact.json),
        ]))
    } else {
      object["last_nps"] = .null
    }
    return .object(object)
  }

  static func task(_ task: TaskItem) -> JSONValue {
    .object(
      JSONObject([
        ("id", .number(Double(task.id))), ("account", .string(task.account)), ("text", .string(task.text)),
        ("due", .string(task.due.description)), ("owner", task.owner.json), ("done", .bool(task.isDone)),
      ]))
  }

  static func day(_ day: Day?) -> JSONValue { day.map { .string($0.description) } ?? .null }
}
