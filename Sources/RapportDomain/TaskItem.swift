import RapportJournal

/// Something a person must do by a date: typed by a user, or a touchpoint's follow-up.
public struct TaskItem: Sendable, Equatable, AmendableEntry {
  public var meta: EntryMeta
  public var account: String
  var packedText: PackedText
  public var due: Day
  /// The day it was set (business date).
  public var created: Day
  public var owner: String?
  /// The touchpoint this task follows up, when it is a follow-up.
  public var followsTouchpoint: Int?
  public var completion: Completion?

  /// The `task.completed` record.
  public struct Completion: Sendable, Equatable {
    public var day: Day
    public var meta: EntryMeta
  }

  public var text: String {
    get { packedText.string }
    set { packedText = PackedText(newValue) }
  }

  /// Tasks are numbered by the sequence number of the record that created them.
  public var id: Int { meta.seq }

  static let amendableFields = ["text", "due", "owner"]

  init(meta: EntryMeta, data: JSONObject) throws(DomainError) {
    let fields = Fields(data: data)
    self.meta = meta
    account = fields.optionalString("account") ?? ""
    packedText = PackedText(try fields.string("text"))
    due = try fields.day("due")
    owner = fields.optionalString("owner")
    created = try fields.optionalDay("date") ?? Day.local(meta.recordedAt)
  }

  var data: JSONObject {
    var data = JSONObject([("text", .string(text)), ("due", .string(due.description))])
    if let owner { data["owner"] = .string(owner) }
    data["date"] = .string(created.description)
    return data
  }

  mutating func keepState(of original: TaskItem) {
    account = original.account
    followsTouchpoint = original.followsTouchpoint
    completion = original.completion
  }

  public var isDone: Bool { completion.map { !$0.meta.isRetracted } ?? false }
}
