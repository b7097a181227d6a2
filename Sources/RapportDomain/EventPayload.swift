import RapportJournal

/// A typed payload: its record type, and its `data` both ways.
public protocol EventPayload: Sendable, Equatable {
  static var type: EventType { get }
  init(data: JSONObject) throws(DomainError)
  var data: JSONObject { get }
}
