import RapportJournal

/// Something a person must do by a date: typed by a user, or a touchpoint's follow-up.
public struct TaskItem: Sendable, Equatable, AmendableEntry {
  public var meta: EntryMeta
  package var accountText: PackedText
  package var packedText: PackedText
  public var due: Day
  /// The day it was set (business date).
  public var created: Day
  package var ownerText: PackedText?
  /// The touchpoint this task follows up, when it is a follow-up.
  public var followsTouchpoint: Int?
  public var completion: Completion?

  /// The `task.completed` record.
  public struct Completion: Sendable, Equatable, BitwiseCopyable {
    public var day: Day
    public var meta: EntryMeta

    package init(day: Day, meta: EntryMeta) {
      self.day = day
      self.meta = meta
    }
  }

  public var account: String {
    get { accountText.string }
    set { accountText = PackedText(newValue) }
  }

  public var owner: String? {
    get { ownerText?.string }
    set { ownerText = newValue.map(PackedText.init) }
  }

  public var text: String {
    get { packedText.string }
    set { packedText = PackedText(newValue) }
  }

  /// Tasks are numbered by the sequence number of the record that created them.
  public var id: Int { meta.seq }

  static let amendableFields = ["text", "due", "owner"]

  init(meta: EntryMeta, data: JSONObject) throws(DomainError) {
    self.init(meta: meta, try Event.TaskCreated(data: data))
  }

  init(meta: EntryMeta, _ event: consuming Event.TaskCreated) {
    self.meta = meta
    accountText = PackedText("")
    packedText = PackedText(event.text)
    due = event.due
    ownerText = event.owner.map(PackedText.init)
    created = event.date ?? Day.local(meta.recordedAt)
  }

  var data: JSONObject { Event.TaskCreated(text: text, due: due, owner: owner, date: created).data }

  mutating func keepState(of original: TaskItem) {
    accountText = original.accountText
    followsTouchpoint = original.followsTouchpoint
    completion = original.completion
  }

  public var isDone: Bool { completion.map { !$0.meta.isRetracted } ?? false }
}

extension TaskItem {
  /// Every stored property, as the checkpoint restores them.
  package init(
    meta: EntryMeta, account: String, packedText: PackedText, due: Day, created: Day, owner: String?,
    followsTouchpoint: Int?, completion: Completion?
  ) {
    self.meta = meta
    self.accountText = PackedText(account)
    self.packedText = packedText
    self.due = due
    self.created = created
    self.ownerText = owner.map(PackedText.init)
    self.followsTouchpoint = followsTouchpoint
    self.completion = completion
  }
}
