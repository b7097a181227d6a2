import RapportJournal

/// A support ticket, opened and perhaps closed.
public struct Ticket: Sendable, Equatable, AmendableEntry {
  public var meta: EntryMeta
  public var ticket: String
  public var severity: Severity
  public var opened: Day
  public var closing: Closing?

  /// The `ticket.closed` record that closed it.
  public struct Closing: Sendable, Equatable {
    public var day: Day
    public var meta: EntryMeta

    package init(day: Day, meta: EntryMeta) {
      self.day = day
      self.meta = meta
    }
  }

  static let amendableFields = ["severity", "date"]

  init(meta: EntryMeta, data: JSONObject) throws(DomainError) {
    self.init(meta: meta, try Event.TicketOpened(data: data))
  }

  init(meta: EntryMeta, _ event: consuming Event.TicketOpened) {
    self.meta = meta
    ticket = event.ticket
    severity = event.severity
    opened = event.date
  }

  var data: JSONObject { Event.TicketOpened(ticket: ticket, severity: severity, date: opened).data }

  mutating func keepState(of original: Ticket) { closing = original.closing }

  public var isOpen: Bool { closing.map { $0.meta.isRetracted } ?? true }

  /// Whether it is a live, urgent ticket open on `day` (opened by then, not closed by then).
  func isUrgentAndOpen(on day: Day) -> Bool {
    !meta.isRetracted && severity == .urgent && opened <= day && (closing.map { $0.day > day } ?? true)
  }
}

extension Ticket {
  /// Every stored property, as the checkpoint restores them.
  package init(meta: EntryMeta, ticket: String, severity: Severity, opened: Day, closing: Closing?) {
    self.meta = meta
    self.ticket = ticket
    self.severity = severity
    self.opened = opened
    self.closing = closing
  }
}
