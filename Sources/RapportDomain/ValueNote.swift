import RapportJournal

/// A note of value delivered to the client.
public struct ValueNote: Sendable, Equatable, AmendableEntry {
  public var meta: EntryMeta
  package var packedText: PackedText
  public var date: Day

  static let amendableFields = ["text", "date"]

  init(meta: EntryMeta, data: JSONObject) throws(DomainError) {
    self.init(meta: meta, try Event.ValueNoted(data: data))
  }

  init(meta: EntryMeta, _ event: consuming Event.ValueNoted) {
    self.meta = meta
    packedText = PackedText(event.text)
    date = event.date
  }

  public var text: String {
    get { packedText.string }
    set { packedText = PackedText(newValue) }
  }

  var data: JSONObject { Event.ValueNoted(text: text, date: date).data }
}

extension ValueNote {
  /// Every stored property, as the checkpoint restores them.
  package init(meta: EntryMeta, packedText: PackedText, date: Day) {
    self.meta = meta
    self.packedText = packedText
    self.date = date
  }
}
