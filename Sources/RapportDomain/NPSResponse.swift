import RapportJournal

/// A Net Promoter Score answer, 0–10.
public struct NPSResponse: Sendable, Equatable, AmendableEntry {
  public var meta: EntryMeta
  public var score: Int
  public var contact: String?
  var packedComment: PackedText?
  public var date: Day

  static let amendableFields = ["score", "contact", "comment", "date"]

  init(meta: EntryMeta, data: JSONObject) throws(DomainError) {
    let fields = Fields(data: data)
    self.meta = meta
    score = try fields.int("score")
    guard (0...10).contains(score) else {
      throw .invalidValue(field: "score", value: String(score), expected: "0 to 10")
    }
    contact = fields.optionalString("contact")
    packedComment = fields.optionalString("comment").map(PackedText.init)
    date = try fields.day("date")
  }

  public var comment: String? {
    get { packedComment?.string }
    set { packedComment = newValue.map(PackedText.init) }
  }

  var data: JSONObject {
    var data = JSONObject([("score", .number(Double(score)))])
    if let contact { data["contact"] = .string(contact) }
    if let comment { data["comment"] = .string(comment) }
    data["date"] = .string(date.description)
    return data
  }

  public var isDetractor: Bool { score <= 6 }
  public var isPromoter: Bool { score >= 9 }
}
