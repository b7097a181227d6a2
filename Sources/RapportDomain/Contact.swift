import RapportJournal

/// A person at the client.
public struct Contact: Sendable, Equatable, AmendableEntry {
  public var meta: EntryMeta
  public var name: String
  public var role: String?
  public var email: String?
  public var isSponsor: Bool
  /// The day the contact was added (business date).
  public var day: Day

  static let amendableFields = ["name", "role", "email", "sponsor"]

  init(meta: EntryMeta, data: JSONObject) throws(DomainError) {
    self.init(meta: meta, try Event.ContactAdded(data: data))
  }

  init(meta: EntryMeta, _ event: consuming Event.ContactAdded) {
    self.meta = meta
    name = event.name
    role = event.role
    email = event.email
    isSponsor = event.isSponsor
    day = event.date ?? Day.local(meta.recordedAt)
  }

  var data: JSONObject {
    Event.ContactAdded(name: name, role: role, email: email, isSponsor: isSponsor, date: day).data
  }
}

extension Contact {
  /// Every stored property, as the checkpoint restores them.
  package init(meta: EntryMeta, name: String, role: String?, email: String?, isSponsor: Bool, day: Day) {
    self.meta = meta
    self.name = name
    self.role = role
    self.email = email
    self.isSponsor = isSponsor
    self.day = day
  }
}
