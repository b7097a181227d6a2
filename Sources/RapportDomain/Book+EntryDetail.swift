import RapportJournal

/// One timeline entry in full: its line in the timeline, every field as the journal names it (as
/// amended), who recorded it and when, and how it was corrected since.
public struct EntryDetail: Sendable, Equatable {
  public struct Field: Sendable, Equatable {
    public var name: String
    public var value: String

    public init(name: String, value: String) {
      self.name = name
      self.value = value
    }
  }

  public var entry: TimelineEntry
  public var fields: [Field]
  public var recordedBy: String
  public var recordedAt: Timestamp
  /// The `entry.amended` records applied to it, oldest first.
  public var amendments: [Int]
  public var retraction: Retraction?
}

extension Book {
  /// The entry `seq` of the account `slug`'s timeline, in full (retracted entries too); nil when the
  /// account has no such entry.
  public func entryDetail(seq: Int, of slug: String) -> EntryDetail? {
    guard let line = (try? timeline(of: slug, includingRetracted: true))?.first(where: { $0.seq == seq }),
      let account = accounts[slug]
    else { return nil }
    guard let (meta, data) = stored(seq, in: account) else {
      return EntryDetail(
        entry: line, fields: [], recordedBy: line.by, recordedAt: Timestamp(milliseconds: 0), amendments: [],
        retraction: line.retraction)
    }
    let fields = data.pairs.compactMap { pair in
      Self.text(of: pair.value).map { EntryDetail.Field(name: pair.key, value: $0) }
    }
    return EntryDetail(
      entry: line, fields: fields, recordedBy: meta.recordedBy, recordedAt: meta.recordedAt,
      amendments: meta.amendments, retraction: meta.retraction)
  }

  /// The entry's meta and its fields as the journal names them.
  private func stored(_ seq: Int, in account: Account) -> (EntryMeta, JSONObject)? {
    func pair<Entry: AmendableEntry>(_ entry: Entry?) -> (EntryMeta, JSONObject)? { entry.map { ($0.meta, $0.data) } }
    func dated(_ meta: EntryMeta?, _ day: Day?) -> (EntryMeta, JSONObject)? {
      guard let meta, let day else { return nil }
      return (meta, JSONObject([("date", .string(day.description))]))
    }
    switch entry(seq) {
    case .contact(let position, let index): return pair(accounts[position: position].contacts[index])
    case .touchpoint(let position, let index): return pair(accounts[position: position].touchpoints[index])
    case .nps(let position, let index): return pair(accounts[position: position].npsResponses[index])
    case .usage(let position, let index): return pair(accounts[position: position].usage[index])
    case .ticket(let position, let index): return pair(accounts[position: position].tickets[index])
    case .criterion(let position, let index): return pair(accounts[position: position].criteria[index])
    case .valueNote(let position, let index): return pair(accounts[position: position].valueNotes[index])
    case .qbr(let position, let index): return pair(accounts[position: position].qbrs[index])
    case .task(let id): return pair(tasks[id])
    case .ticketClosing(let position, let index):
      let closing = accounts[position: position].tickets[index].closing
      return dated(closing?.meta, closing?.day)
    case .criterionMeeting(let position, let index):
      let meeting = accounts[position: position].criteria[index].meeting
      return dated(meeting?.meta, meeting?.day)
    case .taskCompletion(let id): return dated(tasks[id]?.completion?.meta, tasks[id]?.completion?.day)
    case .fixed, nil: return fixed(seq, in: account)
    }
  }

  /// Account creation, owner and stage changes: their meta, and what the timeline says of them.
  private func fixed(_ seq: Int, in account: Account) -> (EntryMeta, JSONObject)? {
    if account.created.seq == seq {
      return (
        account.created,
        JSONObject([
          ("name", .string(account.name)), ("tier", .number(Double(account.tier))),
          ("date", .string(account.createdDay.description)),
        ])
      )
    }
    if let change = account.ownerChanges.first(where: { $0.meta.seq == seq }) {
      return (
        change.meta,
        JSONObject([
          ("from", change.from.json), ("to", change.to.json), ("note", change.note.json),
          ("date", .string(change.day.description)),
        ])
      )
    }
    if let change = account.stageChanges.first(where: { $0.meta.seq == seq }) {
      return (
        change.meta,
        JSONObject([
          ("from", (change.from?.rawValue).json), ("to", .string(change.to.rawValue)), ("reason", change.reason.json),
          ("date", .string(change.day.description)),
        ])
      )
    }
    return nil
  }

  /// A field's value as text; nil for an empty one.
  static func text(of value: JSONValue) -> String? {
    switch value {
    case .null: return nil
    case .bool(let flag): return flag ? "yes" : "no"
    case .number(let number): return JSONValue.number(number).intValue.map(String.init) ?? String(number)
    case .string(let text): return text.isEmpty ? nil : text
    case .array(let items):
      let texts = items.compactMap(text(of:))
      return texts.isEmpty ? nil : texts.joined(separator: ", ")
    case .object(let object):
      let texts = object.pairs.compactMap { pair in text(of: pair.value).map { "\(pair.key) \($0)" } }
      return texts.isEmpty ? nil : texts.joined(separator: ", ")
    }
  }
}
