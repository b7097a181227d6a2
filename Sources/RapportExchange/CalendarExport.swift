import RapportDomain
import RapportJournal

/// `rapport export calendar`: the open plays (as to-dos, or as all-day events) and the scheduled QBRs
/// (as all-day events), one component each, with UIDs that stay the same from one export to the next,
/// so that importing a newer file updates entries instead of duplicating them.
public enum CalendarExport {
  public enum PlayStyle: String, Sendable, CaseIterable {
    case todos, events
  }

  public static func make(
    book: Book, plays: [Play], today: Day, now: Timestamp, style: PlayStyle = .todos, owner: String? = nil
  ) -> String {
    var text = ""
    write(book: book, plays: plays, today: today, now: now, style: style, owner: owner) { text += $0 }
    return text
  }

  /// `make`'s text, handed to `emit` a component at a time (a large book's calendar is tens of
  /// megabytes, and held whole several times over while it was built).
  public static func write(
    book: Book, plays: [Play], today: Day, now: Timestamp, style: PlayStyle = .todos, owner: String? = nil,
    emit: (String) throws -> Void
  ) rethrows {
    try emit(ICalendar.beginning(productID: "-//Rapport//Rapport//EN", name: "Rapport"))
    let stamp = ICalendar.dateTime(now)
    let domain = (book.journalID.map { String($0.prefix(8)) } ?? "journal") + ".rapport"
    var usedUIDs = Set<String>()
    func unique(_ base: String) -> String {
      var uid = base
      var number = 2
      while !usedUIDs.insert(uid).inserted {
        uid = base + "-\(number)"
        number += 1
      }
      return uid + "@" + domain
    }
    func name(_ slug: String) -> String { book.accounts[slug]?.name ?? slug }

    for account in book.allAccounts where owner == nil || account.owner == owner {
      for qbr in account.qbrs where !qbr.meta.isRetracted && qbr.date >= today {
        var description = "Quarterly business review with \(account.name) (tier \(account.tier))."
        description += "\nOwner: " + (account.owner ?? "none")
        description += "\nAccount: \(account.slug)"
        try emit(
          ICalendar.text(
            of: ICalendar.Component(
              "VEVENT",
              [
                ICalendar.Property("UID", unique("qbr-\(qbr.meta.seq)")),
                ICalendar.Property("DTSTAMP", stamp),
                ICalendar.Property.date("DTSTART", qbr.date),
                ICalendar.Property.date("DTEND", qbr.date.adding(days: 1)),
                ICalendar.Property.text("SUMMARY", "QBR: \(account.name)"),
                ICalendar.Property.text("DESCRIPTION", description),
                ICalendar.Property("CATEGORIES", "QBR"),
                ICalendar.Property("TRANSP", "TRANSPARENT"),
              ])))
      }
    }
    for play in plays {
      let base = "play-\(play.code.rawValue)-\(play.account)" + (play.taskID.map { "-task\($0)" } ?? "")
      var description = play.title
      description += "\nAccount: \(name(play.account)) (\(play.account))"
      description += "\nOwner: " + (play.owner ?? "none")
      if play.isOverdue(on: today) { description += "\nOverdue by \(play.daysLate(on: today)) days on \(today)." }
      let summary = "\(name(play.account)): \(play.title)"
      var properties = [
        ICalendar.Property("UID", unique(base)),
        ICalendar.Property("DTSTAMP", stamp),
      ]
      switch style {
      case .todos:
        properties += [
          ICalendar.Property.date("DUE", play.due),
          ICalendar.Property("STATUS", "NEEDS-ACTION"),
        ]
      case .events:
        properties += [
          ICalendar.Property.date("DTSTART", play.due),
          ICalendar.Property.date("DTEND", play.due.adding(days: 1)),
          ICalendar.Property("TRANSP", "TRANSPARENT"),
        ]
      }
      properties += [
        ICalendar.Property.text("SUMMARY", summary),
        ICalendar.Property.text("DESCRIPTION", description),
        ICalendar.Property("CATEGORIES", ICalendar.text(play.code.rawValue)),
      ]
      if play.isOverdue(on: today) { properties.append(ICalendar.Property("PRIORITY", "1")) }
      try emit(ICalendar.text(of: ICalendar.Component(style == .todos ? "VTODO" : "VEVENT", properties)))
    }
    try emit(ICalendar.end)
  }
}
