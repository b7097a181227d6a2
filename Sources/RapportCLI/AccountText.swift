import RapportDomain
import RapportText

/// `rapport account show` as text.
enum AccountText {
  static func detail(_ account: Account, book: Book, today: Day) -> String {
    var lines: [String] = []
    func field(_ label: String, _ value: String) {
      lines.append(TerminalText.padded(label, toColumns: 12) + TerminalText.sanitised(value))
    }
    lines.append(TerminalText.sanitised("\(account.name) (\(account.slug))"))
    field("owner", account.owner ?? "NO OWNER — assign one with `rapport owner \(account.slug) USER`")
    field("manager", account.manager ?? "–")
    field("tier", String(account.tier))
    field("stage", account.stage.rawValue)
    field("value", account.value?.description ?? "–")
    field("signed", account.signed?.description ?? "–")
    field("renewal", account.renewal.map { "\($0) (in \(counted($0.days(since: today), "day")))" } ?? "–")
    let last = account.lastMeaningfulTouchpoint
    field(
      "last touch",
      last.map { "\($0.date), \(counted(today.days(since: $0.date), "day")) ago: \($0.kind.label)" } ?? "never")
    let contacts = account.contacts.filter { !$0.meta.isRetracted }
    if !contacts.isEmpty {
      lines.append("contacts")
      for contact in contacts {
        let notes = [contact.role, contact.email, contact.isSponsor ? "executive sponsor" : nil].compactMap { $0 }
        lines.append(
          "  " + TerminalText.sanitised(contact.name + (notes.isEmpty ? "" : " — " + notes.joined(separator: ", "))))
      }
    }
    let criteria = account.criteria.filter { !$0.meta.isRetracted }
    if !criteria.isEmpty {
      lines.append("success criteria")
      for criterion in criteria {
        let state =
          criterion.isMet
          ? "met \(criterion.meeting?.day.description ?? "")" : criterion.target.map { "target \($0)" } ?? "open"
        lines.append("  \(criterion.number). " + TerminalText.sanitised(criterion.text) + " [\(state)]")
      }
    }
    let tickets = account.tickets.filter { $0.isOpen && !$0.meta.isRetracted }
    if !tickets.isEmpty {
      lines.append("open tickets")
      for ticket in tickets {
        lines.append(
          "  " + TerminalText.sanitised(ticket.ticket) + " (\(ticket.severity.rawValue), opened \(ticket.opened))")
      }
    }
    let tasks = book.openTasks(of: account)
    if !tasks.isEmpty {
      lines.append("open tasks")
      for task in tasks {
        let late = task.due < today ? ", LATE" : ""
        lines.append(
          "  #\(task.id) " + TerminalText.sanitised(task.text) + " (due \(task.due)\(late)"
            + (task.owner.map { ", \(TerminalText.sanitised($0))" } ?? "") + ")")
      }
    }
    return lines.joined(separator: "\n") + "\n"
  }
}
