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
  }

  static let amendableFields = ["severity", "date"]

  init(meta: EntryMeta, data: JSONObject) throws(DomainError) {
    let fields = Fields(data: data)
    self.meta = meta
    ticket = try fields.string("ticket")
    let severityText = fields.optionalString("severity") ?? Severity.normal.rawValue
    guard let severity = Severity(rawValue: severityText) else {
      throw .invalidValue(field: "severity", value: severityText, expected: Severity.choices)
    }
    self.severity = severity
    opened = try fields.day("date")
  }

  var data: JSONObject {
    JSONObject([
      ("ticket", .string(ticket)), ("severity", .string(severity.rawValue)), ("date", .string(opened.description)),
    ])
  }

  mutating func keepState(of original: Ticket) { closing = original.closing }

  public var isOpen: Bool { closing.map { $0.meta.isRetracted } ?? true }
}
