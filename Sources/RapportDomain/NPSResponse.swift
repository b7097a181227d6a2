import RapportJournal

/// A Net Promoter Score answer, 0–10.
public struct NPSResponse: Sendable, Equatable, AmendableEntry {
  public var meta: EntryMeta
  public var score: Int
  package var contactText: PackedText?
  package var packedComment: PackedText?
  public var date: Day

  static let amendableFields = ["score", "contact", "comment", "date"]

  init(meta: EntryMeta, data: JSONObject) throws(DomainError) {
    self.init(meta: meta, try Event.NPSRecorded(data: data))
  }

  init(meta: EntryMeta, _ event: consuming Event.NPSRecorded) {
    self.meta = meta
    score = event.score
    contactText = event.contact.map(PackedText.init)
    packedComment = event.comment.map(PackedText.init)
    date = event.date
  }

  public var contact: String? {
    get { contactText?.string }
    set { contactText = newValue.map(PackedText.init) }
  }

  public var comment: String? {
    get { packedComment?.string }
    set { packedComment = newValue.map(PackedText.init) }
  }

  var data: JSONObject { Event.NPSRecorded(score: score, contact: contact, comment: comment, date: date).data }

  public var isDetractor: Bool { score <= 6 }
  public var isPromoter: Bool { score >= 9 }
}

extension NPSResponse {
  /// Every stored property, as the checkpoint restores them.
  package init(meta: EntryMeta, score: Int, contact: String?, packedComment: PackedText?, date: Day) {
    self.meta = meta
    self.score = score
    self.contactText = contact.map(PackedText.init)
    self.packedComment = packedComment
    self.date = date
  }
}
