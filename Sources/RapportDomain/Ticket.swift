import RapportJournal

/// A support ticket, opened and perhaps closed.
public struct Ticket: Sendable, Equatable, AmendableEntry, MappableEntry {
  public var meta: EntryMeta
  package var ticketText: PackedText
  public var severity: Severity
  public var opened: Day
  public var closing: Closing?

  /// The `ticket.closed` record that closed it.
  public struct Closing: Sendable, Equatable, BitwiseCopyable {
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
    ticketText = PackedText(event.ticket)
    severity = event.severity
    opened = event.date
  }

  public var ticket: String {
    get { ticketText.string }
    set { ticketText = PackedText(newValue) }
  }

  public func portable(in references: inout PortableReferences) -> Ticket {
    var ticket = self
    ticket.meta = meta.portable(in: &references)
    ticket.ticketText = references.text(ticketText)
    if let closing { ticket.closing?.meta = closing.meta.portable(in: &references) }
    return ticket
  }

  public func relocated(by relocation: Relocation) -> Ticket {
    var ticket = self
    ticket.meta = meta.relocated(by: relocation)
    ticket.ticketText = relocation.text(ticketText)
    if let closing { ticket.closing?.meta = closing.meta.relocated(by: relocation) }
    return ticket
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
    self.ticketText = PackedText(ticket)
    self.severity = severity
    self.opened = opened
    self.closing = closing
  }
}
